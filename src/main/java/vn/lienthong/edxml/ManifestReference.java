package vn.lienthong.edxml;

/** One entry of edXMLManifest: what the envelope says the package carries. */
public record ManifestReference(String contentId, String contentType, String description, String attachmentName) { }
