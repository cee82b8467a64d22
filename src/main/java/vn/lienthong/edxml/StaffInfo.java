package vn.lienthong.edxml;

/** The clerk (văn thư) who handled the package. */
public record StaffInfo(String department, String departmentId, String staff, String staffId, String mobile, String email) { }
