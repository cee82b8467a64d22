package vn.lienthong.edxml;

import java.nio.file.Path;

/**
 * An attachment as read from AttachmentEncoded: its declared metadata and where its decoded bytes
 * were streamed to on disk ({@code file}); never held in memory.
 */
public record Attachment(String contentId, String attachmentName, String description, String contentType,
                         Path file, long size, boolean encodingValid) { }
