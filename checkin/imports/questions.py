"""Columns found by the wording of a form's own questions ("May we photograph you?", "Date of birth").

Forms at an ASEAN forum ask in English and in the region's languages, and ask the way people
talk ("Can we take photos of you during the Forum?", "Boleh kami ambil gambar anda?", "Chúng tôi
có thể chụp ảnh bạn không?"). A header is compared folded (case and Latin accents ignored, Thai,
Lao, Khmer and Myanmar kept as written), so "chụp ảnh" is matched as "chup anh".
"""

from __future__ import annotations

import re

from checkin.imports.headers import fold
from checkin.names.person import fold as fold_accents


def _words(*alternatives: str):
    return re.compile("|".join(alternatives))


# What a question is about, in the region's languages (folded: no Latin accents).
_PHOTO = (r"photo\w*|picture|image|film\w*|video\w*|record(ed|ing)?\b|camera|foto\w*|gambar|bergambar|"
          r"rakam|dirakam|chup anh|hinh anh|quay phim|ghi hinh|larawan|litrato|kuhanan|bidyo|"
          r"ถ่ายภาพ|ถ่ายรูป|ภาพถ่าย|วิดีโอ|ຖ່າຍຮູບ|ຮູບພາບ|ថតរូប|រូបថត|ဓာတ်ပုံ|拍照|照片|摄影|攝影|录像|錄影")
_ASK = (r"consent|agree|allow|permission|permit|ok\b|okay|happy|may we|can we|could we|do you mind|willing|"
        r"take|taken|taking|used?\b|publish|izin|kebenaran|setuju|persetujuan|boleh|bersedia|dong y|cho phep|co the|duoc|"
        r"pahintulot|pumapayag|payag|maaari|ยินยอม|อนุญาต|ຍິນຍອມ|ອະນຸຍາດ|យល់ព្រម|អនុញ្ញាត|သဘောတူ|ခွင့်|同意|允许|允許")
_GUARDIAN = (r"guardian|parent|caregiver|carer|wali|ibu ?bapa|orang ?tua|phu huynh|nguoi giam ho|cha me|"
             r"magulang|tagapag-?alaga|ผู้ปกครอง|ພໍ່ແມ່|ຜູ້ປົກຄອງ|ឪពុកម្តាយ|អាណាព្យាបាល|မိဘ|အုပ်ထိန်းသူ|家长|家長|监护人|監護人")
_GUARDIAN_OK = (r"consent|permission|approv|agree|sign|authori[sz]|izin|kebenaran|persetujuan|setuju|"
                r"dong y|cho phep|pahintulot|ยินยอม|อนุญาต|ຍິນຍອມ|យល់ព្រម|သဘောတူ|ခွင့်|同意")
_SAFEGUARD = (r"safeguard|child protection|protection of (children|minors)|code of conduct|"
              r"perlindungan (kanak|anak)|bao ve tre em|proteksyon ng (bata|kabataan)|"
              r"คุ้มครองเด็ก|ປົກປ້ອງເດັກ|ការពារកុមារ|ကလေးသူငယ်|儿童保护|兒童保護")
_NAME = r"name|nama|ten\b|ho ten|pangalan|ชื่อ|ຊື່|ឈ្មោះ|အမည်|姓名|名字"
_SCRIPT = (r"own script|native|local script|local language|original script|own language|your language|"
           r"mother tongue|script|tieng viet|chu viet|ภาษาไทย|ອັກສອນລາວ|ພາສາລາວ|ភាសាខ្មែរ|អក្សរខ្មែរ|"
           r"မြန်မာ|中文|华文|華文|汉字|漢字|tulisan|aksara|jawi|tamil")

# (our column, what the folded header must contain, what it must not). The first pattern that
# claims a header keeps it, so the agreement goes before sessions ("…policy for this session").
QUESTION_PATTERNS: tuple[tuple[str, re.Pattern, re.Pattern | None], ...] = (
    ("agreement", re.compile(rf"({_SAFEGUARD}).*({_ASK}|polic|accept|confirm|read)|"
                             rf"(agree|accept|consent|confirm|setuju|dong y|ยินยอม).*({_SAFEGUARD})"), None),
    ("guardian_consent", re.compile(rf"({_GUARDIAN}).*({_GUARDIAN_OK})|({_GUARDIAN_OK}).*({_GUARDIAN})"),
     _words(r"e-?mail", r"phone", r"mobile", r"contact", r"number", r"address", r"\bname\b")),
    ("photo_consent", re.compile(rf"({_PHOTO}).*({_ASK})|({_ASK}).*({_PHOTO})|photographed|photography"),
     _words(r"\bid\b", r"upload", r"passport", r"profile (photo|picture)", r"your photo\b", r"headshot")),
    ("chaperone", _words(r"chaperone", r"pendamping", r"accompanying adult"), None),
    ("delegation", _words(r"delegation"), None),
    ("language", _words(r"preferred language", r"^language", r"language (of|for) (the )?(kiosk|communication)"),
     None),
    ("is_minor", _words(r"under 18", r"under the age of 18", r"below 18", r"younger than 18", r"are you a minor",
                        r"bawah 18", r"duoi 18", r"ต่ำกว่า 18"), None),
    ("date_of_birth", _words(r"date of birth", r"birth ?date", r"birthday", r"\bdob\b", r"d\.o\.b",
                             r"tarikh lahir", r"tanggal lahir", r"ngay sinh", r"kapanganakan", r"วันเกิด",
                             r"出生日期", r"生日"), None),
    ("age", re.compile(r"^age\b|\bage\b\s*(\(|:|$|in years|on|at)|how old|your age|^umur|^usia|^tuoi\b|"
                       r"อายุ|ອາຍຸ|អាយុ|အသက်|年龄|年齡|^edad"), _words(r"group", r"range", r"bracket", r"categor")),
    ("sessions", _words(r"workshop", r"session", r"breakout"), None),
    ("name_native", re.compile(rf"({_NAME}).*({_SCRIPT})|({_SCRIPT}).*({_NAME})"), _words(r"e-?mail")),
    ("preferred_name", _words(r"preferred name", r"name on (the |your )?badge", r"badge name", r"nickname"), None),
    ("given_name", _words(r"first name", r"given name", r"forename"), None),
    ("family_name", _words(r"last name", r"family name", r"surname"), None),
    ("name_latin", _words(r"name in (english|latin|roman)", r"romani[sz]ed name", r"latin (script|letters)",
                          r"english name"), None),
    ("full_name", re.compile(r"^(your )?(full )?name\??$|^full name|^nama"), None),
    ("email", _words(r"e-?mail"), _words(r"guardian", r"parent", r"emergency", r"verified")),
    ("organisation", _words(r"organi[sz]ation", r"company", r"affiliation", r"institution", r"agency",
                            r"employer", r"ministry"),
     _words(r"invoice", r"billing", r"order ", r"type", r"categor", r"sector", r"size")),
    ("country", _words(r"country", r"nationality"), _words(r"invoice", r"billing", r"order ", r"code", r"phone")),
    ("ticket", re.compile(r"^ticket( type| name| category| class| release)?$|^ticket_(name|type)$|"
                          r"(participant|registration|attendee|delegate|delegation) (type|category|group)|"
                          r"^category$|^product$|^release$|age (group|range|bracket|category)|^role$|"
                          r"^(your )?role( at the forum)?\??$|^participant$|kategori|loai ve|ประเภท"),
     _words(r"price", r"\bid\b", r"number", r"reference", r"code", r"created", r"date", r"e-?mail")),
    ("status", re.compile(r"^status$|^state$|registration (status|state)|approval[ _]status|attendee status|"
                          r"^order status$|ticket (status|state)"), _words(r"void", r"payment method", r"marital")),
)


def guess_columns(headers: tuple[str, ...], claimed: set[int], skip_columns: set[str]) -> dict[str, tuple[int, ...]]:
    """Our column -> headers found by the question patterns, among headers nothing else claimed.
    Sessions may come from several columns (one per choice: `Workshops – C1 …` with Yes/No)."""
    found: dict[str, tuple[int, ...]] = {}
    taken = set(claimed)
    for i, header in enumerate(headers):
        if i in taken:
            continue
        plain = fold(header)
        h = fold_accents(header)
        for ours, wanted, unwanted in QUESTION_PATTERNS:
            if not (wanted.search(h) or wanted.search(plain)) or (unwanted and (unwanted.search(h))):
                continue
            # the first pattern a header matches decides; if that column is known, the header stays extra
            if ours not in skip_columns and (ours not in found or ours == "sessions"):
                found[ours] = found.get(ours, ()) + (i,)
                taken.add(i)
            break
    return found
