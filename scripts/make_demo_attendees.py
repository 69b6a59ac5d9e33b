"""Writes the demo event's attendee list, assets/events/aif-2025/attendees.csv.

Every person is fictional: names are drawn from hand-written pools per country, in the script
the country writes them in (with `name_latin` so any desk can find them) and in its naming
convention: Thai and Lao given-first, Khmer, Vietnamese and Chinese family-first, Myanmar
single names with U/Daw, Indonesian mononyms, Malay bin/binti and titles, Indian a/l and d/o,
Filipino Spanish surnames. About forty young people (13-16 at the event) come with chaperones;
a few lack guardian consent or a chaperone; some people have not agreed to the safeguarding
policy yet; some declined photos. Personal agendas pick one parallel session per slot and never
exceed a session run's capacity (the smaller of its room's and its own), read from event.toml.

Deterministic: a fixed seed and no network, so running it again writes the same bytes.
    python scripts/make_demo_attendees.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

EVENT_DIR = Path(__file__).resolve().parent.parent / "assets" / "events" / "aif-2025"
SEED = 20251118
EVENT_DAY = date(2025, 11, 18)
POLICY_VERSION = "2025-1"
COLUMNS = ("registration_id", "given_name", "family_name", "preferred_name", "name_latin", "name_order",
           "honorific", "organisation", "country", "role", "email", "date_of_birth", "is_minor",
           "guardian_consent", "chaperone", "photo_consent", "safeguarding_agreed_at",
           "safeguarding_policy_version", "sessions", "delegation", "language", "dietary")
# Delegations are named by country code; languages are what each country's people read most easily.
COUNTRY_CODES = {"Malaysia": "MY", "Thailand": "TH", "Indonesia": "ID", "Philippines": "PH", "Viet Nam": "VN",
                 "Cambodia": "KH", "Lao PDR": "LA", "Myanmar": "MM", "Singapore": "SG", "Brunei Darussalam": "BN"}
LANGUAGE_OF = {"Malaysia": "ms", "Thailand": "th", "Indonesia": "id", "Philippines": "fil", "Viet Nam": "vi",
               "Cambodia": "km", "Lao PDR": "lo", "Myanmar": "my", "Singapore": "en", "Brunei Darussalam": "ms"}

# ---- name pools: (native script, Latin) ------------------------------------------------------

THAI_GIVEN = {
    "m": [("สมชาย", "Somchai"), ("ประเสริฐ", "Prasert"), ("วิชัย", "Wichai"), ("ธนากร", "Thanakorn"),
          ("อนุชา", "Anucha"), ("กิตติพงษ์", "Kittipong"), ("ณัฐพล", "Nattapon"), ("สุรชัย", "Surachai"),
          ("ปิยะ", "Piya"), ("ธีรวัฒน์", "Teerawat")],
    "f": [("สุดารัตน์", "Sudarat"), ("นภา", "Napha"), ("ปิยะนุช", "Piyanuch"), ("วรรณา", "Wanna"),
          ("กมลวรรณ", "Kamonwan"), ("ศิริพร", "Siriporn"), ("อรุณี", "Arunee"), ("พิมพ์ชนก", "Pimchanok"),
          ("จันทร์เพ็ญ", "Chanpen"), ("รัตนา", "Rattana")],
}
THAI_FAMILY = [("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("วงศ์ใหญ่", "Wongyai"), ("แก้วมณี", "Kaewmanee"),
               ("บุญมา", "Boonma"), ("สุวรรณรัตน์", "Suwannarat"), ("ทองดี", "Thongdee"), ("พรหมมา", "Promma"),
               ("เจริญผล", "Charoenphon"), ("รักษ์ไทย", "Rakthai"), ("สมบูรณ์ชัย", "Somboonchai"),
               ("ปัญญาดี", "Panyadee")]
THAI_NICKNAMES = ["Nok", "Ploy", "Beam", "Ton", "Pim", "Aom", "Golf", "Bee", "Mint", "Film", "Nan", "Fon",
                  "Tee", "Pui", "Jeab", "Pond", "Bank", "Fern"]

LAO_GIVEN = {
    "m": [("ສົມພອນ", "Somphone"), ("ບຸນມີ", "Bounmy"), ("ສີສະຫວາດ", "Sisavath"), ("ພອນສະຫວັນ", "Phonesavanh"),
          ("ຄຳພອນ", "Khamphone"), ("ວຽງໄຊ", "Viengxay"), ("ສຸກສະຫວັນ", "Souksavanh")],
    "f": [("ແສງເດືອນ", "Sengdeuane"), ("ມະນີວອນ", "Manivone"), ("ຈັນທະວີ", "Chanthavy"), ("ນ້ອຍ", "Noy"),
          ("ວັນນີ", "Vanny"), ("ດາລາວັນ", "Dalavanh")],
}
LAO_FAMILY = [("ພົມມະຈັນ", "Phommachanh"), ("ສີສຸວົງ", "Sisouvong"), ("ວົງສາ", "Vongsa"), ("ແກ້ວມະນີ", "Keomany"),
              ("ສຸລິຍະວົງ", "Souliyavong"), ("ພົມມະວົງ", "Phommavong"), ("ຂັນທະວົງ", "Khanthavong"),
              ("ອິນທະວົງ", "Inthavong"), ("ໄຊຍະວົງ", "Xayavong")]

KHMER_GIVEN = {
    "m": [("ដារ៉ា", "Dara"), ("វិចិត្រ", "Vichet"), ("សុផល", "Sophal"), ("ពិសិដ្ឋ", "Piseth"), ("សំណាង", "Samnang"),
          ("មករា", "Makara"), ("សុវណ្ណ", "Sovann"), ("វណ្ណា", "Vanna")],
    "f": [("សុភា", "Sophea"), ("បុប្ផា", "Bopha"), ("ធារី", "Theary"), ("ស្រីពៅ", "Sreypov"), ("ពិសី", "Pisey"),
          ("ចាន់ថា", "Chantha"), ("រតនា", "Rathana"), ("លក្ខិណា", "Leakhena"), ("សុខា", "Sokha")],
}
KHMER_FAMILY = [("សុខ", "Sok"), ("ចាន់", "Chan"), ("ហេង", "Heng"), ("លី", "Ly"), ("គឹម", "Kim"), ("ម៉ៅ", "Mao"),
                ("កែវ", "Keo"), ("ទេព", "Tep"), ("ឈឹម", "Chhim"), ("ស៊ុន", "Sun")]

MYANMAR_NAMES = {
    "m": [("အောင်ကျော်", "Aung Kyaw"), ("ကျော်ဇော", "Kyaw Zaw"), ("မင်းထက်", "Min Htet"), ("ဇော်မင်း", "Zaw Min"),
          ("ဝင်းနိုင်", "Win Naing"), ("နေလင်း", "Nay Lin"), ("ဟိန်းထက်", "Hein Htet"), ("စိုးမိုး", "Soe Moe"),
          ("ထွန်းထွန်း", "Tun Tun"), ("သန့်ဇင်", "Thant Zin"), ("ကျော်ကျော်ဦး", "Kyaw Kyaw Oo")],
    "f": [("ခင်မာ", "Khin Mar"), ("ယဉ်ယဉ်", "Yin Yin"), ("မေသူ", "May Thu"), ("နှင်းဝေ", "Hnin Wai"),
          ("စုမြတ်", "Su Myat"), ("ချိုချို", "Cho Cho"), ("သီတာ", "Thidar"), ("ဖြူဖြူ", "Phyu Phyu"), ("အိအိ", "Ei Ei"),
          ("ဇင်မာ", "Zin Mar")],
}

VIET_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
               "Ngô", "Dương"]
VIET_GIVEN = {
    "m": ["Văn Đức", "Quốc Bảo", "Đức Thắng", "Hoàng Nam", "Thanh Tùng", "Hữu Phước", "Văn Hùng", "Đình Khoa",
          "Minh Quân", "Tuấn Anh"],
    "f": ["Thị Minh Anh", "Thu Hà", "Thị Lan", "Ngọc Hân", "Minh Châu", "Thị Hương", "Bảo Ngọc", "Thùy Dung",
          "Phương Thảo", "Thị Mai"],
}

INDO_MONONYMS = {"m": ["Sutrisno", "Wahyudi", "Purnomo", "Supriyadi", "Haryanto", "Slamet", "Darmawan", "Sukarno"],
                 "f": ["Sukarni", "Suharti", "Suparmi", "Mulyani", "Sumarni", "Kartini", "Rahayu"]}
INDO_GIVEN = {"m": ["Budi", "Agus", "Andi", "Rizky", "Hendra", "Fajar", "Yohanes", "I Wayan", "Bayu Aji"],
              "f": ["Dewi", "Rina", "Putri Ayu", "Siti", "Intan", "Ayu", "Nur Aini", "Ni Ketut", "Maria Fransiska"]}
INDO_FAMILY = ["Lestari", "Santoso", "Wulandari", "Setiawan", "Rahmawati", "Pratama", "Nugroho", "Hidayat",
               "Saputra", "Kusuma", "Siregar", "Simanjuntak", "Wijaya", "Sudarsana"]

MALAY_GIVEN = {"m": ["Ahmad Faiz", "Mohd Hafiz", "Muhammad Amirul", "Azman", "Khairul Anuar", "Zulkifli",
                     "Hafizuddin", "Syed Hussein", "Mohd Shahrul", "Iskandar"],
               "f": ["Nurul Aina", "Siti Aishah", "Nur Izzati", "Farah Hanim", "Noraini", "Rosnah", "Aminah",
                     "Zaleha", "Nor Hayati", "Puteri Balqis", "Sharifah Nadia"]}
MALAY_FATHERS = ["Abdullah", "Ismail", "Hassan", "Ahmad", "Yusof", "Ibrahim", "Osman", "Rahman", "Hamzah", "Salleh",
                 "Abu Bakar", "Mohamed"]
MALAY_TITLES = {"m": ["Dato'", "Datuk", "Tan Sri", "Haji", "Dr", "Datuk Dr", "Dato' Sri", "Encik", "Prof. Dr"],
                "f": ["Datin", "Datuk", "Hajah", "Dr", "Puan", "Prof. Dr", "Datin Paduka"]}

# Singapore has no Malaysian state titles (Dato', Tan Sri).
SINGAPORE_MALAY_TITLES = {"m": ["Haji", "Dr", "Encik"], "f": ["Hajah", "Dr", "Puan"]}

BRUNEI_GIVEN = {"m": ["Muhammad Hazwan", "Mohd Shahrul", "Abdul Hadi", "Md Sofian", "Ahmad Syafiq", "Azmi"],
                "f": ["Nur Hafizah", "Siti Nadiah", "Norhayati", "Hazirah", "Nurul Ain", "Siti Rahmah"]}
BRUNEI_FATHERS = ["Haji Mahmud", "Pengiran Osman", "Haji Tahir", "Awang Damit", "Haji Yakub", "Abdul Ghani"]
BRUNEI_TITLES = {"m": ["Awang", "Pengiran", "Haji", "Dr", "Dato Paduka", "Pehin"],
                 "f": ["Dayang", "Dayangku", "Hajah", "Dr", "Datin"]}

# Chinese names as Malaysians and Singaporeans write them: characters, and the romanisation
# their family uses (Hokkien, Cantonese, Hakka, pinyin), family name first.
CHINESE_FAMILY = [("陈", "Tan"), ("林", "Lim"), ("李", "Lee"), ("黄", "Wong"), ("张", "Chong"), ("吴", "Goh"),
                  ("刘", "Lau"), ("郑", "Teh"), ("杨", "Yeo"), ("蔡", "Chua"), ("梁", "Leong"), ("谢", "Chia")]
CHINESE_GIVEN = {"m": [("伟明", "Wei Ming"), ("志强", "Chee Keong"), ("俊杰", "Jun Jie"), ("家豪", "Ka Ho"),
                       ("国华", "Kok Wah"), ("子轩", "Zi Xuan"), ("文杰", "Boon Kiat"), ("建国", "Kian Kok")],
                 "f": [("美玲", "Mei Ling"), ("丽华", "Lai Wah"), ("慧敏", "Hui Min"), ("淑芬", "Shu Fen"),
                       ("嘉欣", "Jia Xin"), ("秀英", "Siew Eng"), ("雪儿", "Xue Er"), ("佩珊", "Pei Shan")]}
CHINESE_ENGLISH = {"m": ["Jason", "Kelvin", "Alvin", "Marcus", "Daniel", "Benjamin"],
                   "f": ["Michelle", "Joanne", "Rachel", "Cheryl", "Grace", "Vivian"]}

INDIAN_GIVEN = {"m": ["Arun", "Suresh", "Ganesh", "Kumaresan", "Rajesh", "Vikneswaran"],
                "f": ["Priya", "Kavitha", "Shanti", "Devi", "Thilaga", "Anusha"]}
INDIAN_FATHERS = ["Ramasamy", "Subramaniam", "Muthu", "Krishnan", "Raju", "Sivalingam"]

IBAN_NAMES = [("Jimmy", "anak Jugah", "m"), ("Nancy", "anak Nyipa", "f"), ("Robert", "anak Sandai", "m"),
              ("Margaret", "anak Ujang", "f")]

FILIPINO_GIVEN = {"m": ["Jose Miguel", "Juan Carlos", "John Paul", "Antonio", "Rodrigo", "Mark Anthony", "Niño",
                        "Ramon", "Emmanuel", "Francisco"],
                  "f": ["Maria Cristina", "Ma. Luisa", "Mary Grace", "Kristine Mae", "Angelica", "Rosario", "Maricel",
                        "Jennifer", "Patricia", "Liza"]}
FILIPINO_FAMILY = ["Santos", "Dela Cruz", "Reyes", "Peña", "Bautista", "Muñoz", "Ocampo", "Villanueva", "Garcia",
                   "Ibañez", "Mendoza", "Castañeda", "Magbanua", "Dizon", "De los Santos"]
FILIPINO_NICKNAMES = {"m": ["Bong", "Jun", "Toto", "Jojo", "Nonoy", "Migs"], "f": ["Peachy", "Bing", "Cha", "Tin",
                                                                                  "Mae", "Len-len"]}
FILIPINO_TITLES = ["Atty.", "Dr", "Engr.", "Usec.", "Dir."]

# The few internationals, one by one: (given, family, native, latin, order, country, gender).
INTERNATIONALS = [
    ("Sarah", "Mitchell", "", "", "given-first", "Australia", "f"),
    ("James", "O'Connor", "", "", "given-first", "Ireland", "m"),
    ("Anna", "Lindqvist", "", "", "given-first", "Sweden", "f"),
    ("健二", "渡辺", "", "Watanabe Kenji", "family-first", "Japan", "m"),
    ("Priyanka", "Sharma", "", "", "given-first", "India", "f"),
    ("Olusegun", "Adeyemi", "", "", "given-first", "Nigeria", "m"),
    ("Chloé", "Dubois", "", "", "given-first", "France", "f"),
    ("Mateo", "Fernández", "", "", "given-first", "Spain", "m"),
    ("Hannah", "Schmidt", "", "", "given-first", "Germany", "f"),
    ("Liam", "Murphy", "", "", "given-first", "United Kingdom", "m"),
    ("Sofia", "Rossi", "", "", "given-first", "Italy", "f"),
    ("Amira", "Haddad", "", "", "given-first", "Lebanon", "f"),
    ("Daniel", "Kim", "", "", "given-first", "Australia", "m"),
    ("Grace", "Nakamura", "", "", "given-first", "United States", "f"),
    ("Tomás", "Oyarzún", "", "", "given-first", "Chile", "m"),
    ("Fiona", "MacLeod", "", "", "given-first", "United Kingdom", "f"),
    ("Aroha", "Ngata", "", "", "given-first", "New Zealand", "f"),
    ("Samuel", "Osei", "", "", "given-first", "Ghana", "m"),
    ("Isabelle", "Martin", "", "", "given-first", "Switzerland", "f"),
    ("은지", "박", "", "Park Eun-ji", "family-first", "Republic of Korea", "f"),
    ("Lucy", "Nguyen", "", "", "given-first", "Australia", "f"),
    ("Erik", "Johansson", "", "", "given-first", "Sweden", "m"),
    ("Meera", "Pillai", "", "", "given-first", "United Kingdom", "f"),
    ("伟", "张", "", "Zhang Wei", "family-first", "China", "m"),
]

# ---- organisations (ministries and agencies by their usual names; companies and NGOs invented) --

ORGS = {
    "Malaysia": dict(
        gov=["Ministry of Women, Family and Community Development", "Ministry of Communications",
             "Ministry of Education Malaysia", "Royal Malaysia Police (D11 Division)",
             "Malaysian Communications and Multimedia Commission", "Department of Social Welfare Malaysia"],
        ngo=["Pelindung Digital Foundation", "Suara Kanak-Kanak Network", "Ibu Bapa Digital Association"],
        tech=["Kampung Digital Sdn Bhd", "Sentral Telco Berhad", "Petaling Games Studio Sdn Bhd",
              "Awan Cloud Services Sdn Bhd"],
        un=["UNICEF Malaysia"], academia=["Universiti Sentral Kuala Lumpur"],
        media=["Kuala Lumpur Daily Tribune", "Suara Semenanjung TV"],
        youth=["Malaysia Youth Online Safety Council"]),
    "Thailand": dict(
        gov=["Ministry of Social Development and Human Security", "Ministry of Digital Economy and Society",
             "Thailand Internet Crimes Against Children Task Force", "Office of the Basic Education Commission"],
        ngo=["Bangkok Child Safe Online Foundation", "Chiang Mai Youth Voices"],
        tech=["Siam Mobile Network PCL", "Lotus Play Co., Ltd.", "Chao Phraya Cloud Co., Ltd."],
        un=["UNICEF Thailand"], academia=["Chao Phraya University, Faculty of Social Work"],
        media=["Bangkok Morning Herald", "Thai Digital News Agency"], youth=["Chiang Mai Youth Voices"]),
    "Indonesia": dict(
        gov=["Ministry of Women's Empowerment and Child Protection", "Ministry of Communication and Digital Affairs",
             "Indonesian National Police, Cyber Directorate", "Indonesian Child Protection Commission"],
        ngo=["Yayasan Anak Aman Digital", "Jaringan Pelindung Anak Nusantara"],
        tech=["Nusantara Play", "ArchipelagoPay", "Garuda Seluler"],
        un=["UNICEF Indonesia"], academia=["Universitas Nusa Bangsa"],
        media=["Jakarta Evening Post", "Kabar Nusantara"], youth=["Forum Anak Digital Nusantara"]),
    "Philippines": dict(
        gov=["Department of Social Welfare and Development", "Department of Information and Communications Technology",
             "Inter-Agency Council Against Child Pornography", "Philippine National Police, Women and Children Protection Center"],
        ngo=["Bantay Bata Online Alliance", "Kabataan Digital Network"],
        tech=["Luzon Telecom Corp.", "Bayanihan Apps Inc.", "Pasig Social Media Labs"],
        un=["UNICEF Philippines"], academia=["Pamantasan ng Bagong Lungsod"],
        media=["Manila Evening Courier", "Radyo Balita Network"], youth=["Kabataan Digital Network"]),
    "Viet Nam": dict(
        gov=["Ministry of Education and Training", "Ministry of Public Security, Department of Cyber Security",
             "Ministry of Labour, Invalids and Social Affairs", "Authority of Information Security"],
        ngo=["Hanoi Child Rights Centre", "Saigon Safe Kids Network"],
        tech=["Sông Hồng Technology JSC", "Mekong Telecom JSC", "Lạc Việt Games"],
        un=["UNICEF Viet Nam"], academia=["Hanoi Institute of Social Sciences"],
        media=["Saigon Daily Review", "Hà Nội Digital News"], youth=["Saigon Safe Kids Network"]),
    "Cambodia": dict(
        gov=["Ministry of Post and Telecommunications", "Ministry of Social Affairs, Veterans and Youth Rehabilitation",
             "Cambodia National Council for Children", "Ministry of Interior, Anti-Human Trafficking Department"],
        ngo=["Phnom Penh Child Safe Network", "Kampuchea Youth Online Forum"],
        tech=["Angkor Mobile Co., Ltd.", "Tonle Sap Digital"],
        un=["UNICEF Cambodia"], academia=["Phnom Penh Institute of Social Work"],
        media=["Phnom Penh Morning Post"], youth=["Kampuchea Youth Online Forum"]),
    "Lao PDR": dict(
        gov=["Ministry of Technology and Communications", "Ministry of Labour and Social Welfare",
             "Lao Women's Union", "Ministry of Public Security"],
        ngo=["Vientiane Youth Digital Club", "Lao Child Helpline Association"],
        tech=["Mekong Lao Telecom", "Champa Apps"],
        un=["UNICEF Lao PDR"], academia=["Vientiane Institute of Education Research"],
        media=["Vientiane Evening News"], youth=["Vientiane Youth Digital Club"]),
    "Myanmar": dict(
        gov=["Department of Social Welfare", "Ministry of Transport and Communications"],
        ngo=["Myanmar Child Rights Network", "Yangon Youth Online", "Irrawaddy Family Support"],
        tech=["Golden Land Mobile", "Shwe Apps Co., Ltd."],
        un=["UNICEF Myanmar"], academia=["Yangon Institute of Social Work"],
        media=["Yangon Weekly Mirror"], youth=["Yangon Youth Online"]),
    "Singapore": dict(
        gov=["Ministry of Digital Development and Information", "Ministry of Social and Family Development",
             "Infocomm Media Development Authority"],
        ngo=["SafeNet Kids Singapore", "Lion City Parents Alliance"],
        tech=["Merlion Social Pte Ltd", "Straits Cloud Pte Ltd", "Kopi Games Pte Ltd"],
        un=["ASEAN Foundation"], academia=["Institute for Digital Childhood, Singapore"],
        media=["Straits Evening Digest"], youth=["SafeNet Kids Singapore Youth Panel"]),
    "Brunei Darussalam": dict(
        gov=["Ministry of Culture, Youth and Sports", "Ministry of Transport and Infocommunications",
             "Authority for Info-communications Technology Industry", "Royal Brunei Police Force"],
        ngo=["Brunei Council on Children Online", "Bandar Youth Network"],
        tech=["Borneo Digital Sdn Bhd", "Kampong Ayer Tech"],
        un=["ASEAN Secretariat"], academia=["Institut Teknologi Bandar"],
        media=["Bandar Seri Begawan Daily"], youth=["Bandar Youth Network"]),
    "international": dict(
        gov=["eSafety Commissioner (Australia)", "Attorney-General's Department (Australia)", "UK Home Office"],
        ngo=["ECPAT International", "Global Child Helpline Alliance"],
        tech=["BrightWave Platforms Inc.", "Northstar Messaging Ltd"],
        un=["UNICEF East Asia and Pacific Regional Office", "UNICEF Headquarters", "UNODC Southeast Asia and the Pacific",
            "International Telecommunication Union", "ASEAN Secretariat"],
        academia=["Centre for Children's Digital Lives, Harbour University"], media=["Asia-Pacific Wire"],
        youth=[]),
}
ORGANISER_ORGS = {"Malaysia": ["Ministry of Women, Family and Community Development", "Ministry of Communications",
                               "ACWC Malaysia"],
                  "Thailand": ["ACWC Thailand"], "international": ["UNICEF East Asia and Pacific Regional Office"]}
STAFF_ORGS = {"Malaysia": ["Forum Secretariat", "Forum Secretariat (event services)"],
              "international": ["UNICEF East Asia and Pacific Regional Office"]}
YOUTH_GROUP = "ASEAN Young People's Advisory Group"

# People per country, with the communities within it, and roles other than delegate.
POPULATION = [
    ("Malaysia", [("malay", 44), ("chinese", 22), ("indian", 10), ("iban", 4)]),
    ("Thailand", [("thai", 44)]),
    ("Indonesia", [("indonesian", 40)]),
    ("Philippines", [("filipino", 40)]),
    ("Viet Nam", [("vietnamese", 40)]),
    ("Cambodia", [("khmer", 30)]),
    ("Lao PDR", [("lao", 26)]),
    ("Myanmar", [("myanmar", 26)]),
    ("Singapore", [("chinese", 18), ("malay", 6), ("indian", 6)]),
    ("Brunei Darussalam", [("bruneian", 20)]),
    ("international", [("international", 24)]),
]
ROLE_QUOTA = {
    "Malaysia": {"youth": 6, "staff": 13, "organiser": 6, "media": 3, "speaker": 6},
    "Thailand": {"youth": 5, "organiser": 2, "media": 2, "speaker": 4},
    "Indonesia": {"youth": 5, "media": 1, "speaker": 4},
    "Philippines": {"youth": 5, "media": 2, "speaker": 4},
    "Viet Nam": {"youth": 4, "media": 1, "speaker": 3},
    "Cambodia": {"youth": 4, "media": 1, "speaker": 2},
    "Lao PDR": {"youth": 3, "speaker": 2},
    "Myanmar": {"youth": 3, "media": 1, "speaker": 2},
    "Singapore": {"youth": 3, "media": 2, "speaker": 3},
    "Brunei Darussalam": {"youth": 2, "speaker": 1},
    "international": {"organiser": 5, "staff": 2, "media": 1, "speaker": 7},
}
UTC_OFFSET = {"Myanmar": 6.5, "Thailand": 7, "Viet Nam": 7, "Cambodia": 7, "Lao PDR": 7, "Indonesia": 7,
              "Malaysia": 8, "Singapore": 8, "Brunei Darussalam": 8, "Philippines": 8}

# One parallel session per slot; a person never takes both runs of a session.
SLOTS = (("A1", "B1", "C1", "C2"), ("A2", "B2", "C1/2", "C2/2"), ("A3", "B3-1", "B3-2", "C3"), ("A4", "B4", "C4"))
# Not for 13-16 year-olds: content moderation of abuse material, harmful sexual behaviour,
# frontline workers' wellbeing, victims' disclosure.
ADULT_ONLY = {"C1", "C1/2", "B3-1", "B3-2", "B4"}
# Registration-only runs filled below capacity, so the demo shows both a full run and free seats.
FILL = {"C1/2": 26, "C2": 21}
PILLAR_TASTE = {"gov": {"A": 4, "B": 3, "C": 1}, "ngo": {"A": 2, "B": 4, "C": 2}, "tech": {"A": 3, "B": 1, "C": 4},
                "un": {"A": 3, "B": 3, "C": 2}, "academia": {"A": 2, "B": 2, "C": 3}, "media": {"A": 3, "B": 2, "C": 1},
                "youth": {"A": 3, "B": 1, "C": 5}, "organiser": {"A": 2, "B": 2, "C": 1}}
DIETARY = ["", "", "", "", "", "vegetarian", "vegan", "no beef", "nut allergy", "gluten-free", "no seafood"]


@dataclass
class Person:
    country: str
    community: str
    gender: str
    given: str = ""
    family: str = ""
    latin: str = ""
    order: str = "given-first"
    honorific: str = ""
    preferred: str = ""
    organisation: str = ""
    org_kind: str = ""
    role: str = "delegate"
    email: str = ""
    date_of_birth: str = ""
    is_minor: str = ""
    guardian_consent: str = ""
    chaperone: str = ""
    photo: str = "yes"
    agreed_at: str = ""
    sessions: list[str] = field(default_factory=list)
    dietary: str = ""
    delegation: str = ""
    language: str = ""

    @property
    def display(self) -> str:
        """The name in Latin letters as a desk would say it, for chaperone columns."""
        if self.latin:
            return self.latin
        return " ".join(p for p in (self.given, self.family) if p)

    def key(self) -> tuple[str, str]:
        return (self.given, self.family)


def name_person(p: Person, rng: random.Random, senior: bool, young: bool) -> None:
    g = p.gender
    c = p.community
    if c == "thai":
        (gt, gl), (ft, fl) = rng.choice(THAI_GIVEN[g]), rng.choice(THAI_FAMILY)
        p.given, p.family, p.latin = gt, ft, f"{gl} {fl}"
        p.preferred = rng.choice(THAI_NICKNAMES) if rng.random() < (0.7 if young else 0.45) else ""
        if senior and rng.random() < 0.35:
            p.honorific = rng.choice(["Dr", "Pol. Col.", "Assoc. Prof."])
    elif c == "lao":
        (gt, gl), (ft, fl) = rng.choice(LAO_GIVEN[g]), rng.choice(LAO_FAMILY)
        p.given, p.family, p.latin = gt, ft, f"{gl} {fl}"
        if senior and rng.random() < 0.3:
            p.honorific = rng.choice(["Dr", "H.E."])
    elif c == "khmer":
        (gt, gl), (ft, fl) = rng.choice(KHMER_GIVEN[g]), rng.choice(KHMER_FAMILY)
        p.given, p.family, p.latin, p.order = gt, ft, f"{fl} {gl}", "family-first"
        if senior and rng.random() < 0.35:
            p.honorific = rng.choice(["H.E.", "Dr", "Lok Chumteav" if g == "f" else "H.E."])
    elif c == "myanmar":
        native, latin = rng.choice(MYANMAR_NAMES[g])
        p.given, p.latin = native, latin
        if young:
            p.honorific = "Maung" if g == "m" else "Ma"
        elif rng.random() < 0.75:
            p.honorific = ("U" if g == "m" else "Daw") if rng.random() < 0.7 else ("Ko" if g == "m" else "Ma")
        if senior and rng.random() < 0.3:
            p.honorific = "Dr"
    elif c == "vietnamese":
        p.family, p.given = rng.choice(VIET_FAMILY), rng.choice(VIET_GIVEN[g])
        p.order = "family-first"
        p.latin = fold_ascii(f"{p.family} {p.given}")
        if rng.random() < 0.15:
            p.preferred = p.given.split()[-1]
        if senior and rng.random() < 0.3:
            p.honorific = rng.choice(["Dr", "Assoc. Prof. Dr"])
    elif c == "indonesian":
        if rng.random() < 0.4:
            # One name only: forms that demand a last name get it there, others in the first.
            name = rng.choice(INDO_MONONYMS[g])
            if rng.random() < 0.5:
                p.family = name
            else:
                p.given = name
        else:
            p.given, p.family = rng.choice(INDO_GIVEN[g]), rng.choice(INDO_FAMILY)
        if senior and rng.random() < 0.3:
            p.honorific = rng.choice(["Dr", "Ir.", "Prof. Dr"])
    elif c == "malay" or c == "bruneian":
        pool, fathers, titles = ((MALAY_GIVEN, MALAY_FATHERS, MALAY_TITLES) if c == "malay"
                                 else (BRUNEI_GIVEN, BRUNEI_FATHERS, BRUNEI_TITLES))
        p.given = rng.choice(pool[g])
        p.family = f"{'bin' if g == 'm' else 'binti'} {rng.choice(fathers)}"
        if p.country == "Singapore":
            titles = SINGAPORE_MALAY_TITLES
        if not young and rng.random() < (0.7 if senior else 0.3):
            p.honorific = rng.choice(titles[g])
        if rng.random() < 0.2:
            p.preferred = p.given.split()[-1]
    elif c == "chinese":
        (ft, fl), (gt, gl) = rng.choice(CHINESE_FAMILY), rng.choice(CHINESE_GIVEN[g])
        p.given, p.family, p.latin, p.order = gt, ft, f"{fl} {gl}", "family-first"
        if rng.random() < 0.35:
            p.preferred = rng.choice(CHINESE_ENGLISH[g])
        if senior and rng.random() < 0.3:
            p.honorific = "Dr"
    elif c == "indian":
        p.given = rng.choice(INDIAN_GIVEN[g])
        father = rng.choice(INDIAN_FATHERS)
        link = {"Malaysia": "a/l" if g == "m" else "a/p", "Singapore": "s/o" if g == "m" else "d/o"}[p.country]
        p.family = f"{link} {father}"
        if senior and rng.random() < 0.4:
            p.honorific = rng.choice(["Dr", "Datuk"]) if p.country == "Malaysia" else "Dr"
    elif c == "iban":
        p.given, p.family, p.gender = rng.choice(IBAN_NAMES)
    elif c == "filipino":
        p.given, p.family = rng.choice(FILIPINO_GIVEN[g]), rng.choice(FILIPINO_FAMILY)
        if g == "m" and not young and rng.random() < 0.1:
            p.family += " Jr."
        if rng.random() < 0.3:
            p.preferred = rng.choice(FILIPINO_NICKNAMES[g])
        if not young and rng.random() < (0.5 if senior else 0.15):
            p.honorific = rng.choice(FILIPINO_TITLES)
    else:
        raise ValueError(c)


def fold_ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def email_for(p: Person, taken: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", fold_ascii(p.display).casefold())
             if w not in {"bin", "binti", "a", "l", "p", "s", "o", "d", "anak", "jr"}]
    stem = ".".join(words[:1] + words[-1:]) if len(words) > 1 else (words[0] if words else "guest")
    email, n = f"{stem}@example.org", 2
    while email in taken:
        email, n = f"{stem}{n}@example.org", n + 1
    taken.add(email)
    return email


def read_capacities(event_file: Path) -> dict[str, int]:
    """Each session run's capacity: the smaller of its room's and its own."""
    data = tomllib.loads(event_file.read_text(encoding="utf-8"))
    rooms = {r["id"]: r["capacity"] for r in data["rooms"]}
    out = {}
    for s in data["sessions"]:
        run = s.get("run", 1)
        code = s["code"] if run == 1 else f"{s['code']}/{run}"
        out[code] = min(rooms[s["room"]], s.get("capacity", rooms[s["room"]]))
    return out


def make_people(rng: random.Random) -> list[Person]:
    people: list[Person] = []
    for country, communities in POPULATION:
        group: list[Person] = []
        for community, count in communities:
            group += [Person(country, community, rng.choice("mf")) for _ in range(count)]
        rng.shuffle(group)
        quota = ROLE_QUOTA[country]
        roles = [r for r, n in quota.items() for _ in range(n)]
        roles += ["delegate"] * (len(group) - len(roles))
        rng.shuffle(roles)
        for person, role in zip(group, roles):
            person.role = role
        people += group
    seen: set[tuple[str, str]] = set()
    intl = iter(INTERNATIONALS)
    for p in people:
        if p.community == "international":
            p.given, p.family, _, p.latin, p.order, p.country, p.gender = next(intl)
            continue
        for _ in range(50):
            p.honorific = p.preferred = ""
            name_person(p, rng, senior=p.role in ("speaker", "organiser"), young=p.role == "youth")
            if p.key() not in seen:
                break
        seen.add(p.key())
    # Every Malaysian title appears at least once among the Malay delegates and speakers.
    for g in "mf":
        holders = [p for p in people if p.community == "malay" and p.country == "Malaysia" and p.gender == g
                   and p.role in ("delegate", "speaker")]
        for p, title in zip(holders, MALAY_TITLES[g]):
            p.honorific = title
    return people


def assign_organisations(people: list[Person], rng: random.Random) -> None:
    for p in people:
        orgs = ORGS[p.country] if p.community != "international" else ORGS["international"]
        home = p.country if p.community != "international" else "international"
        if p.role == "media":
            p.org_kind, p.organisation = "media", rng.choice(orgs["media"])
        elif p.role == "staff":
            p.org_kind, p.organisation = "organiser", rng.choice(STAFF_ORGS[home])
        elif p.role == "organiser":
            p.org_kind, p.organisation = "organiser", rng.choice(ORGANISER_ORGS[home])
        elif p.role == "youth":
            p.org_kind = "youth"
            p.organisation = YOUTH_GROUP if rng.random() < 0.5 else rng.choice(orgs["youth"])
        else:
            kind = rng.choices(["gov", "ngo", "tech", "un", "academia"], [35, 25, 22, 10, 8])[0]
            p.org_kind, p.organisation = kind, rng.choice(orgs[kind])


def look_after_youth(people: list[Person], rng: random.Random) -> None:
    """Young people: ages 13-16 at the event, a named chaperone from their country, guardian
    consent, photos declined unless the guardian said yes. A few are not ready at the desk."""
    youth = [p for p in people if p.role == "youth"]
    per_country: Counter = Counter()
    for p in youth:
        adults = [a for a in people if a.country == p.country and a.role == "delegate"
                  and a.org_kind in ("ngo", "un", "gov")]
        # Two delegates per country share the chaperoning of its young people.
        p.chaperone = adults[per_country[p.country] % 2].display
        per_country[p.country] += 1
        p.guardian_consent = "yes"
        p.photo = "yes" if rng.random() < 0.15 else "no"
        age = rng.choice([13, 14, 14, 15, 15, 16])
        born = EVENT_DAY.replace(year=EVENT_DAY.year - age - 1) + timedelta(days=rng.randint(1, 364))
        p.date_of_birth = born.isoformat()
        p.email = ""
        p.dietary = rng.choice(DIETARY)
    # Some registration forms only asked "under 18?": those young people have no birth date.
    for p in youth[1::8]:
        p.date_of_birth, p.is_minor = "", "yes"
    # Not ready at the desk: no consent (refused, or not returned yet), or no chaperone named.
    youth[3].guardian_consent = "no"
    youth[11].guardian_consent = ""
    youth[19].chaperone = ""
    youth[27].guardian_consent, youth[27].chaperone = "no", ""
    youth[35].chaperone = ""


def delegations_and_languages(people: list[Person]) -> None:
    """Each country's young people travel in two delegations, each with the chaperone who looks
    after them (MY-YOUTH-A, MY-YOUTH-B…); everyone reads the country's language, Chinese-speaking
    Malaysians and Singaporeans Chinese, international staff English. No randomness: the rest of the
    list stays as it was."""
    adults_by_name = {a.display: a for a in people if a.role != "youth"}
    per_country: Counter = Counter()
    for p in people:
        if p.role != "youth":
            continue
        group = f"{COUNTRY_CODES[p.country]}-YOUTH-{'AB'[per_country[p.country] % 2]}"
        per_country[p.country] += 1
        p.delegation = group
        chaperone = adults_by_name.get(p.chaperone)
        if chaperone is not None:
            chaperone.delegation = group
    for p in people:
        if p.community == "international":
            p.language = "en"
        elif p.community == "chinese":
            p.language = "zh"
        else:
            p.language = LANGUAGE_OF.get(p.country, "")


def agreements_and_photos(people: list[Person], rng: random.Random) -> None:
    opened = datetime(2025, 9, 15, tzinfo=timezone.utc)
    for p in people:
        if p.role != "youth":
            p.photo = "no" if rng.random() < 0.1 else ("" if rng.random() < 0.03 else "yes")
            p.dietary = rng.choice(DIETARY + (["halal"] * 6 if p.community in ("malay", "bruneian", "indonesian") else []))
        if rng.random() < 0.15:
            continue                 # not agreed yet: the desk asks on arrival
        at = opened + timedelta(minutes=rng.randint(0, 60 * 24 * 58))
        hours = UTC_OFFSET.get(p.country, 8 if p.organisation.startswith("UNICEF East Asia") else 0)
        local = at.astimezone(timezone(timedelta(hours=hours)))
        p.agreed_at = local.replace(microsecond=0).isoformat()


def plan_agendas(people: list[Person], capacity: dict[str, int], rng: random.Random) -> Counter:
    limit = {run: min(cap, FILL.get(run, cap)) for run, cap in capacity.items()}
    taken: Counter = Counter()
    order = list(people)
    rng.shuffle(order)
    for p in order:
        if p.role == "staff" or (p.role == "organiser" and rng.random() < 0.7):
            continue
        taste = PILLAR_TASTE[p.org_kind]
        chosen: list[str] = []
        for slot in SLOTS:
            if rng.random() > (0.92 if p.role != "media" else 0.6):
                continue
            done = {c.split("/")[0] for c in chosen}
            options = [r for r in slot if r.split("/")[0] not in done and taken[r] < limit[r]
                       and not (p.role == "youth" and r in ADULT_ONLY)]
            if not options:
                continue
            pick = rng.choices(options, [taste[r[0]] for r in options])[0]
            taken[pick] += 1
            chosen.append(pick)
        p.sessions = chosen
    over = {run: n for run, n in taken.items() if n > capacity[run]}
    if over:
        raise SystemExit(f"agendas over capacity: {over}")
    return taken


def build(event_file: Path) -> str:
    rng = random.Random(SEED)
    people = make_people(rng)
    assign_organisations(people, rng)
    agreements_and_photos(people, rng)
    look_after_youth(people, rng)
    delegations_and_languages(people)
    emails: set[str] = set()
    for p in people:
        if p.role != "youth":
            p.email = email_for(p, emails)
    plan_agendas(people, read_capacities(event_file), rng)
    # Registration order mixes countries, as an export does.
    rng.shuffle(people)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for n, p in enumerate(people, start=1):
        writer.writerow((f"AIF-{n:04d}", p.given, p.family, p.preferred, p.latin, p.order, p.honorific,
                         p.organisation, p.country, p.role, p.email, p.date_of_birth, p.is_minor,
                         p.guardian_consent, p.chaperone, p.photo, p.agreed_at,
                         POLICY_VERSION if p.agreed_at else "", ";".join(p.sessions), p.delegation, p.language,
                         p.dietary))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=EVENT_DIR / "attendees.csv")
    parser.add_argument("--event", type=Path, default=EVENT_DIR / "event.toml")
    args = parser.parse_args(argv)
    args.out.write_bytes(build(args.event).encode("utf-8"))
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
