package vn.lienthong.edxml;

import java.util.List;
import vn.lienthong.validation.Finding;

/**
 * What one pass over a packet produced: the model, the SHA-256 and size of the raw bytes (the
 * package's fingerprint for duplicates and integrity), and the schema findings.
 */
public record ReadResult(EdxmlPackage pkg, String sha256, long size, List<Finding> findings) { }
