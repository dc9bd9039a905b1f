-- Payments waiting on their customer (3-D Secure, a step-up) expire after a while; the
-- expiry janitor finds them by how long they have waited without scanning every payment.
create index payment_requires_action_idx on payment (updated_at) where status = 'requires_action';
