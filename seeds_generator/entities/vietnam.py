"""Vietnamese reference data used to build realistic identities.

Sources of the facts encoded here: the CCCD (citizen identity card) numbering
of Circular 59/2021/TT-BCA (3-digit province code, a gender/century digit,
two digits of the birth year, six random digits), the national mobile
numbering plan after the 2018 11-to-10 digit migration, and the tax-code
check-digit algorithm of the General Department of Taxation.
"""

from __future__ import annotations

# (CCCD province code, province name, share of the population in percent)
PROVINCES: tuple[tuple[str, str, float], ...] = (
    ("001", "Hà Nội", 8.6), ("002", "Hà Giang", 0.9), ("004", "Cao Bằng", 0.5),
    ("006", "Bắc Kạn", 0.3), ("008", "Tuyên Quang", 0.8), ("010", "Lào Cai", 0.8),
    ("011", "Điện Biên", 0.6), ("012", "Lai Châu", 0.5), ("014", "Sơn La", 1.3),
    ("015", "Yên Bái", 0.8), ("017", "Hòa Bình", 0.9), ("019", "Thái Nguyên", 1.3),
    ("020", "Lạng Sơn", 0.8), ("022", "Quảng Ninh", 1.4), ("024", "Bắc Giang", 1.9),
    ("025", "Phú Thọ", 1.5), ("026", "Vĩnh Phúc", 1.2), ("027", "Bắc Ninh", 1.5),
    ("030", "Hải Dương", 1.9), ("031", "Hải Phòng", 2.1), ("033", "Hưng Yên", 1.3),
    ("034", "Thái Bình", 1.9), ("035", "Hà Nam", 0.9), ("036", "Nam Định", 1.9),
    ("037", "Ninh Bình", 1.0), ("038", "Thanh Hóa", 3.8), ("040", "Nghệ An", 3.5),
    ("042", "Hà Tĩnh", 1.3), ("044", "Quảng Bình", 0.9), ("045", "Quảng Trị", 0.7),
    ("046", "Thừa Thiên Huế", 1.2), ("048", "Đà Nẵng", 1.2), ("049", "Quảng Nam", 1.5),
    ("051", "Quảng Ngãi", 1.3), ("052", "Bình Định", 1.5), ("054", "Phú Yên", 0.9),
    ("056", "Khánh Hòa", 1.3), ("058", "Ninh Thuận", 0.6), ("060", "Bình Thuận", 1.3),
    ("062", "Kon Tum", 0.6), ("064", "Gia Lai", 1.6), ("066", "Đắk Lắk", 1.9),
    ("067", "Đắk Nông", 0.7), ("068", "Lâm Đồng", 1.3), ("070", "Bình Phước", 1.0),
    ("072", "Tây Ninh", 1.2), ("074", "Bình Dương", 2.7), ("075", "Đồng Nai", 3.2),
    ("077", "Bà Rịa - Vũng Tàu", 1.2), ("079", "Hồ Chí Minh", 9.4), ("080", "Long An", 1.8),
    ("082", "Tiền Giang", 1.8), ("083", "Bến Tre", 1.3), ("084", "Trà Vinh", 1.0),
    ("086", "Vĩnh Long", 1.0), ("087", "Đồng Tháp", 1.6), ("089", "An Giang", 1.9),
    ("091", "Kiên Giang", 1.8), ("092", "Cần Thơ", 1.3), ("093", "Hậu Giang", 0.7),
    ("094", "Sóc Trăng", 1.2), ("095", "Bạc Liêu", 0.9), ("096", "Cà Mau", 1.2),
)
PROVINCE_CODES: frozenset[str] = frozenset(code for code, _, _ in PROVINCES)

# Mobile prefixes in service after the 2018 renumbering (10-digit numbers).
MOBILE_PREFIXES: tuple[str, ...] = (
    # Viettel
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
    # VinaPhone
    "081", "082", "083", "084", "085", "088", "091", "094",
    # MobiFone
    "070", "076", "077", "078", "079", "089", "090", "093",
    # Vietnamobile, Gmobile, Itelecom
    "052", "056", "058", "092", "059", "099", "087",
)

# Family names with approximate shares (percent) of the population.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 5.1),
    ("Huỳnh", 3.0), ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 2.5), ("Đặng", 2.1),
    ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0),
    ("Lý", 0.5), ("Đinh", 0.8), ("Trương", 0.8), ("Lưu", 0.4), ("Mai", 0.4),
    ("Tạ", 0.3), ("Lâm", 0.3), ("Quách", 0.2), ("Cao", 0.4), ("Tô", 0.3),
)
MIDDLE_NAMES_MALE: tuple[str, ...] = (
    "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân", "Anh",
    "Trung", "Quốc", "Gia", "Hoàng", "Tuấn", "Đình", "Ngọc",
)
MIDDLE_NAMES_FEMALE: tuple[str, ...] = (
    "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Bích",
    "Thùy", "Khánh", "Hoài", "Mỹ", "Diệu", "Quỳnh",
)
GIVEN_NAMES_MALE: tuple[str, ...] = (
    "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hiếu", "Hoàng",
    "Hùng", "Huy", "Khang", "Khoa", "Kiên", "Long", "Lộc", "Minh", "Nam", "Nghĩa",
    "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh",
    "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
)
GIVEN_NAMES_FEMALE: tuple[str, ...] = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
    "Huyền", "Hương", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga",
    "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thu",
    "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến",
)
COMPANY_FORMS: tuple[str, ...] = (
    "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV", "Doanh nghiệp tư nhân",
)
COMPANY_WORDS: tuple[str, ...] = (
    "Thương mại", "Dịch vụ", "Xây dựng", "Vận tải", "Thực phẩm", "Công nghệ",
    "Du lịch", "Nông sản", "Thủy sản", "Dệt may", "Điện tử", "Logistics",
    "Bất động sản", "Giáo dục", "Y tế", "Cơ khí", "In ấn", "Nội thất",
)
COMPANY_BRANDS: tuple[str, ...] = (
    "Sao Mai", "Hòa Phát", "Minh Long", "An Phú", "Thành Công", "Việt Tiến",
    "Phương Nam", "Đại Dương", "Hồng Hà", "Tân Việt", "Bình Minh", "Kim Long",
    "Trường Sơn", "Hưng Thịnh", "Phú Gia", "Nam Việt", "Đông Á", "Hải Âu",
    "Tràng An", "Cửu Long", "Sông Hàn", "Lam Sơn", "Thiên Phúc", "Vạn Xuân",
)
EMAIL_DOMAINS: tuple[str, ...] = ("gmail.com", "yahoo.com", "outlook.com", "icloud.com")

# Tax-code check digit: weights of the first nine digits.
TAX_CODE_WEIGHTS: tuple[int, ...] = (31, 29, 23, 19, 17, 13, 7, 5, 3)

# (bank_code, name, is_domestic, is_self, country)
BANKS: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("VDB", "Ngân hàng số Việt (mô phỏng)", True, True, "VN"),
    ("VCB", "Vietcombank", True, False, "VN"),
    ("BIDV", "BIDV", True, False, "VN"),
    ("CTG", "VietinBank", True, False, "VN"),
    ("TCB", "Techcombank", True, False, "VN"),
    ("MBB", "MB Bank", True, False, "VN"),
    ("ACB", "ACB", True, False, "VN"),
    ("VPB", "VPBank", True, False, "VN"),
    ("TPB", "TPBank", True, False, "VN"),
    ("STB", "Sacombank", True, False, "VN"),
    ("VIB", "VIB", True, False, "VN"),
    ("HDB", "HDBank", True, False, "VN"),
    ("MOMO", "Ví MoMo", True, False, "VN"),
    ("ZALOPAY", "ZaloPay", True, False, "VN"),
    ("VNPAY", "VNPAY", True, False, "VN"),
    ("DBS", "DBS Bank", False, False, "SG"),
    ("HSBC", "HSBC UK", False, False, "GB"),
    ("CITI", "Citibank N.A.", False, False, "US"),
    ("MUFG", "MUFG Bank", False, False, "JP"),
    ("SHINHAN", "Shinhan Bank", False, False, "KR"),
    ("BOC", "Bank of China", False, False, "CN"),
    ("KBANK", "Kasikornbank", False, False, "TH"),
    ("ANZ", "ANZ Bank", False, False, "AU"),
    ("DB", "Deutsche Bank", False, False, "DE"),
)
EWALLET_BANK_CODES: tuple[str, ...] = ("MOMO", "ZALOPAY", "VNPAY")

# Foreign first/last names for counterparties abroad, by country.
FOREIGN_NAMES: dict[str, tuple[str, ...]] = {
    "SG": ("Tan Wei Ming", "Lim Hui Min", "Ng Kok Leong"),
    "GB": ("Oliver Smith", "Amelia Jones", "Harry Taylor"),
    "US": ("James Miller", "Emily Johnson", "Michael Brown"),
    "JP": ("Sato Haruto", "Suzuki Yui", "Takahashi Ren"),
    "KR": ("Kim Min-jun", "Lee Seo-yeon", "Park Ji-hoon"),
    "CN": ("Wang Fang", "Li Wei", "Zhang Min"),
    "TH": ("Somchai Prasert", "Malee Srisuk", "Anan Chaiyasit"),
    "AU": ("Jack Wilson", "Charlotte Brown", "William Lee"),
    "DE": ("Lukas Müller", "Anna Schmidt", "Felix Weber"),
}

# Merchant categories (ISO 18245 MCC) with their share of card/QR payments.
MERCHANT_CATEGORIES: tuple[tuple[str, float], ...] = (
    ("5411", 22.0),  # grocery stores, supermarkets
    ("5812", 18.0),  # restaurants
    ("5814", 10.0),  # fast food, coffee
    ("4121", 8.0),  # taxi and ride hailing
    ("5541", 7.0),  # fuel
    ("4814", 6.0),  # telecom top-up
    ("4900", 6.0),  # utilities (electricity, water)
    ("5311", 5.0),  # department stores
    ("5732", 4.0),  # electronics
    ("5691", 4.0),  # clothing
    ("5912", 3.0),  # pharmacies
    ("7011", 2.0),  # hotels
    ("8220", 2.0),  # schools, tuition
    ("5999", 3.0),  # miscellaneous retail
)
