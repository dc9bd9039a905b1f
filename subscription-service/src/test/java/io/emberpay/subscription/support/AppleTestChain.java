package io.emberpay.subscription.support;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate chain shaped like Apple's (root, then an intermediate and a leaf carrying
 * Apple's marker extensions, as Apple's library requires), made by the test, and JWS
 * signed with its leaf the way the App Store signs notifications and transactions. The
 * test root is configured as the trusted root; another instance is an untrusted chain.
 */
public final class AppleTestChain {

	/** Apple's WWDR intermediate marker and its App Store receipt-signing leaf marker. */
	private static final String INTERMEDIATE_OID = "1.2.840.113635.100.6.2.1";

	private static final String LEAF_OID = "1.2.840.113635.100.6.11.1";

	private static final AtomicLong SERIALS = new AtomicLong(1000);

	private final X509Certificate root;

	private final X509Certificate intermediate;

	private final X509Certificate leaf;

	private final KeyPair leafKeys;

	private final Path rootFile;

	public AppleTestChain(String name) {
		try {
			KeyPair rootKeys = ecKeys();
			KeyPair intermediateKeys = ecKeys();
			this.leafKeys = ecKeys();
			X500Name rootName = new X500Name("CN=" + name + " Root CA - G3, O=Emberpay tests");
			X500Name intermediateName = new X500Name("CN=" + name + " WWDR CA, O=Emberpay tests");
			this.root = certificate(rootName, rootName, rootKeys, rootKeys, true, null);
			this.intermediate = certificate(intermediateName, rootName, intermediateKeys, rootKeys, true,
					INTERMEDIATE_OID);
			this.leaf = certificate(new X500Name("CN=" + name + " App Store signing, O=Emberpay tests"),
					intermediateName, this.leafKeys, intermediateKeys, false, LEAF_OID);
			this.rootFile = Files.createTempFile("apple-test-root", ".cer");
			Files.write(this.rootFile, this.root.getEncoded());
			this.rootFile.toFile().deleteOnExit();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The root as a Spring resource location, for {@code trusted-roots}. */
	public String rootLocation() {
		return this.rootFile.toUri().toString();
	}

	/**
	 * A JWS over {@code claims}, with the chain in {@code x5c}, as the App Store signs.
	 */
	public String sign(Map<String, Object> claims) {
		try {
			List<com.nimbusds.jose.util.Base64> x5c = List.of(encoded(this.leaf), encoded(this.intermediate),
					encoded(this.root));
			JWSObject jws = new JWSObject(
					new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(x5c).type(JOSEObjectType.JWT).build(),
					new Payload(claims));
			jws.sign(new ECDSASigner(this.leafKeys.getPrivate(), com.nimbusds.jose.jwk.Curve.P_256));
			return jws.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A JWS whose signature does not match its payload (a byte of the payload changed).
	 */
	public String tampered(Map<String, Object> claims) {
		String[] parts = sign(claims).split("\\.");
		String payload = new String(Base64URL.from(parts[1]).decode(), java.nio.charset.StandardCharsets.UTF_8)
			.replace("\"", "\" ");
		return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
	}

	private static com.nimbusds.jose.util.Base64 encoded(X509Certificate certificate) throws Exception {
		return com.nimbusds.jose.util.Base64.encode(certificate.getEncoded());
	}

	private static KeyPair ecKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate certificate(X500Name subject, X500Name issuer, KeyPair subjectKeys,
			KeyPair issuerKeys, boolean ca, String marker) throws Exception {
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
				BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofDays(3650))),
				Date.from(now.plus(Duration.ofDays(3650))), subject, subjectKeys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		builder.addExtension(Extension.keyUsage, true,
				ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign) : new KeyUsage(KeyUsage.digitalSignature));
		if (marker != null) {
			builder.addExtension(new ASN1ObjectIdentifier(marker), false, DERNull.INSTANCE);
		}
		return new JcaX509CertificateConverter().getCertificate(
				builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
	}

	static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
