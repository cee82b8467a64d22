package vn.lienthong.edxml;

/**
 * A status packet (gói tin trạng thái) to be written: who reports ({@code from}), which document
 * ({@code responseFor}), the code (01 arrived ... 16) with its description, and the time in edXML
 * form ({@code yyyy/MM/dd HH:mm:ss}, Vietnam time).
 */
public record StatusPacket(Organization from, ResponseFor responseFor, StaffInfo staffInfo,
                           String statusCode, String description, String timestamp) { }
