package vn.lienthong.edxml;

/** A document packet (gói tin văn bản) or a status packet (gói tin trạng thái). */
public enum PacketKind { DOCUMENT, STATUS }
