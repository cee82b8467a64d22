package vn.lienthong.encoding;

import java.util.HashSet;
import java.util.Set;

/**
 * Frequent syllables of administrative Vietnamese: function words, the vocabulary of official
 * documents (thể thức, tên loại văn bản, cơ quan), numbers and dates, the 63 provinces and common
 * personal names. A reading that yields these is more likely than one that yields rare but
 * well-formed syllables: VNI "Chæ thò" is "Chỉ thị"; read as TCVN3 it is "Chổ thũ", well-formed
 * but nobody writes it.
 *
 * <p>Matched by syllable and tone, so the old and new tone placement (hoà/hòa, uỷ/ủy) both match.
 */
final class CommonSyllables {
    private CommonSyllables() {}

    private static final String WORDS = """
        a à á ả ạ ai ái ải an án anh ánh ảnh ao áo âm ấm ân ấn ấp âu ấy ăn ắt em ông ổn ở ưu ứng ước
        ba bà bá bả bác bạc bách bài bản bán bạn bao báo bảo bắc bằng bắt bầu bậc bất bảy bên bến bệnh bị
        biên biết biển biện biệt biểu bình bỏ bổ bộ bố bốn bồi bởi bùi bức bước bưu buộc buổi
        các cách cải cảm cán cao cáo cảnh cạnh căn cắt cần cấp cập cấu cầu cây có cố cổ cơ cờ cục cung cùng
        cũng cụ của cứ cử cực cường cương cứu cà cai
        cha chánh chào chỉ chí chị chia chiến chiếu chiều chính chịu chỉnh cho chọn chống chồng chỗ chủ
        chú chức chuẩn chung chúng chuyên chuyển chữ chưa chứng chương chấp chất chậm chặt chế châu chín
        da dài dân dần dẫn dấu dục dung dùng dụng duy duyệt dự dựng dưới dương dược dịch diện diễn do dõi
        đa đã đại đàm đảm đạo đảng đánh đào đạt đăng đặc đặt đâu đầu đấu đầy đề để đến đều đi địa điểm
        điện điều định đình đó đoàn đọc đối đổi đồng đông đơn đủ đúng đưa được đường đương đứng đức đốc độ
        độc động đột đội đợt đất đấy đây đáp đáng đắk đặng đỗ
        ga gắn gặp gần gấp gây ghi gia giá giải giám giảm gian giang giao giáo giấy giờ giới giúp giữ giữa
        góp góc gồm gốc gởi gửi gì
        hai hàng hành hạn hạng hạnh hạ hạt hãy hay hậu hết hệ hiện hiểu hiệu hiệp hình hóa hòa hỏa hoạch
        hoạt hoàn hoàng hoặc hỏi học hội họp hồ hồi hồng hơn hợp hướng hưởng hữu huy huyện huỳnh hủy hỗ hộ
        hà hải hằng hiền hoa hùng hưng hương
        kết kế kể kèm khác khai khám khẩn khẩu khi khiếu khích khó khoa khoản khoảng khóa khu khuyến
        không khối khởi khánh kiểm kiến kiện kinh kính kịp kỳ kỹ ký kỷ kiêm kiên kon kạn
        là lạc lại làm lãnh lao lâm lần lập lấy lên lệ lệnh lịch liên liền liệu lo loại lòng lợi lớn lời
        lực lượng lưu luật luận lúc lý lễ lĩnh la lai lan lào lắk lạng lê linh long liêu
        mà mã mại mạnh mạng mặt mẫu mật mấy mới mời mọi môi một mục muốn mức mười mở miền miễn minh mình
        mong mô mỗi mai mau
        nam năm nào nay này nắm năng nâng nội nên nếu nông nơi nữa nước nữ nạn nạp ninh niên nợ nai nẵng
        ngày ngoài ngân ngành ngăn ngừa người ngay nghị nghiệp nghiên nghiệm nghĩa nghỉ nghệ nghìn ngàn
        ngọc nguyên nguồn nguyễn ngô
        nhà nhân nhanh nhất nhận nhập nhiên nhiều nhiệm như nhưng những nhằm nhóm nhỏ nhu nhung
        phạm phải phan phán phần phát pháp phép phê phí phía phiếu phó phòng phong phố phối phổ phú phục
        phụ phúc phủ phương phường phước phẩm phận phân phạt phút
        qua quá quan quán quản quang quảng quân quận quốc quy quý quyền quyết quỹ
        ra rằng rõ rất rộng rời rút rịa
        sách sai sản sang sáng sát sau sáu sắp sẵn sẽ sinh số sổ sớm sơ sở sự sửa sức sử sung suất sống
        sơn sóc
        tác tài tại tạm tân tăng tặng tầm tầng tập tất tế tên tiếp tiền tiến tiêu tiểu tiết tiện tin tinh
        tính tình tỉnh tịch toà tòa toàn tổ tố tốc tối tốt tồn tổng tới tờ tuần tục tuy tuyên tuyến tuyển
        tuổi tư tử từ tự tức tương tướng tường tượng tỷ tám tàu tây tre trà tum tuấn
        tha thác thái tham thanh thành thao tháng thay thăm thắng thẩm thân thấp thấy thể thế thêm thi thì
        thích thiện thiết thiếu thiên thị thời thông thôn thống thu thuế thuộc thuận thuật thú thủ thư thứ
        thừa thực thức thương thường thưởng thượng tháp thơ thọ
        trả trách trái trang trạng trao trạm trên trị triển triệu trình trọng trong trung trú trước trường
        trưởng trực truyền trừ trần trăm trăng
        ủy uỷ
        và vào văn vẫn vận vấn vật vệ về vi vì viên việc viện viết vĩnh võ vốn vụ vùng vực vượt vững vừa
        vị vinh với vũ vũng
        xã xác xây xem xét xin xuân xuất xử xếp xuống
        yêu yếu ý yên y
        ban công cộng việt ngãi bích dũng tĩnh huế đà bái tra trữ tuyệt hẹn đóng thảo bãi đai tải tạo binh
        du ngoại tộc tôn kho hiểm toán kê trận cựu theo còn trân ơn vậy cổng
        """;

    private static final Set<String> KEYS = new HashSet<>();

    static {
        for (String w : WORDS.trim().split("\\s+")) {
            String k = VietnameseSyllable.key(w);
            if (k == null) throw new IllegalStateException("not a syllable in the common list: " + w);
            KEYS.add(k);
        }
    }

    static boolean contains(String word) {
        String k = VietnameseSyllable.key(word);
        return k != null && KEYS.contains(k);
    }

    static int size() { return KEYS.size(); }
}
