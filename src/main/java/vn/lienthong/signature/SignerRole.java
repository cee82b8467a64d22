package vn.lienthong.signature;

/**
 * Whose signature it is (R9): a person's (người ký, e.g. the minister who signs) or the
 * organisation's (chữ ký số của cơ quan, the seal). Decided by rules in {@code config/trust.yaml}.
 */
public enum SignerRole { PERSON, ORGANISATION, UNKNOWN }
