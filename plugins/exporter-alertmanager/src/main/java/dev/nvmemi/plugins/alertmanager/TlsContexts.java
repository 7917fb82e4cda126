package dev.nvmemi.plugins.alertmanager;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} for the OTLP-style TLS options: a PEM file of trusted CA
 * certificates, and a PEM PKCS#8 private key with its PEM certificate chain for mutual TLS.
 *
 * <p>Stateless; called once at start-up.
 */
final class TlsContexts {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----", Pattern.DOTALL);

  private TlsContexts() {}

  /** The context, or null when no TLS option is set (the JDK defaults then apply to https URLs). */
  static SSLContext create(AlertmanagerConfig config) {
    if (config.trustedCertificates() == null && config.clientKey() == null) {
      return null;
    }
    try {
      TrustManagerFactory tmf = null;
      if (config.trustedCertificates() != null) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(AlertmanagerConfig.CERTIFICATE, config.trustedCertificates())) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (config.clientKey() != null) {
        Collection<? extends Certificate> chain =
            certificates(AlertmanagerConfig.CLIENT_CERTIFICATE, config.clientCertificate());
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        keys.setKeyEntry("client", privateKey(config.clientKey()), password, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigurationException("TLS setup for the Alertmanager exporter failed: " + e, e);
    }
  }

  private static Collection<? extends Certificate> certificates(String key, Path file)
      throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates =
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
    if (certificates.isEmpty()) {
      throw new ConfigurationException(key + ": " + file + " holds no certificate (expected: PEM '-----BEGIN CERTIFICATE-----')");
    }
    return certificates;
  }

  /** Reads a PEM PKCS#8 private key (RSA, EC or EdDSA). */
  static PrivateKey privateKey(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      if (type.equals("PRIVATE KEY")) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
          try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
          } catch (GeneralSecurityException e) {
            // Not this algorithm; try the next.
          }
        }
        throw new ConfigurationException(AlertmanagerConfig.CLIENT_KEY + ": " + file
            + " holds a PKCS#8 key of an unsupported algorithm (expected: RSA, EC, Ed25519 or Ed448)");
      }
      if (type.endsWith("PRIVATE KEY")) {
        throw new ConfigurationException(AlertmanagerConfig.CLIENT_KEY + ": " + file + " holds a '" + type
            + "' (expected: PKCS#8 '-----BEGIN PRIVATE KEY-----'; convert with openssl pkcs8 -topk8 -nocrypt)");
      }
    }
    throw new ConfigurationException(AlertmanagerConfig.CLIENT_KEY + ": " + file
        + " holds no private key (expected: PEM '-----BEGIN PRIVATE KEY-----')");
  }
}
