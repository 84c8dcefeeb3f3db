import * as l10n from '@vscode/l10n';

/** A pinned fingerprint (caFingerprint) that the cluster's chain does not verify to. */
export function pinMismatch(): string {
  return l10n.t("the cluster's certificate does not match the pinned fingerprint (caFingerprint): no certificate it presents has that SHA-256, or its chain does not verify to it. Check the fingerprint with Edit Connection…");
}

/**
 * Names the cause of a TLS failure and the setting that fixes it, from Node's error codes and
 * messages (which the client passes on inside its ConnectionError).
 */
export function describeTlsFailure(message: string, code?: string): string | undefined {
  const text = `${code ?? ''} ${message}`;
  if (/SELF_SIGNED|UNABLE_TO_VERIFY_LEAF|UNABLE_TO_GET_ISSUER|self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer/i.test(text)) {
    return l10n.t("the cluster's certificate is signed by a CA this machine does not trust. Set the connection's CA file (caFile) or CA fingerprint (caFingerprint) with Edit Connection…");
  }
  if (/ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match|altnames/i.test(text)) {
    return l10n.t("the cluster's certificate is for another host name than the one in the connection URL. Connect by the name in the certificate");
  }
  // A chain naming a CA whose key did not sign it: forged, or a CA file for another cluster of the same name.
  if (/CERT_SIGNATURE_FAILURE|certificate signature failure/i.test(text)) {
    return l10n.t("the cluster's certificate names a trusted CA that did not sign it: the connection may be intercepted, and nothing was sent");
  }
  if (/CERT_HAS_EXPIRED|certificate has expired/i.test(text)) return l10n.t("the cluster's certificate has expired. Renew it on the cluster");
  if (/CERT_NOT_YET_VALID|certificate is not yet valid/i.test(text)) return l10n.t("the cluster's certificate is not valid yet: check the clocks");
  if (/fingerprint/i.test(text)) return pinMismatch();
  if (/EPROTO|wrong version number|packet length too long/i.test(text)) return l10n.t('the cluster does not speak TLS at that address: use http:// instead of https://, or the right port');
  return undefined;
}
