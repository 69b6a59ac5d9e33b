"""Latin keys for names written in another script, so a desk with a Latin keyboard finds them.

Every name part in Thai, Lao, Khmer, Myanmar, Chinese, Japanese, Korean, Tamil or Jawi gets
several romanisations from maintained libraries, because people spell their own names in
whichever convention they grew up with and no single system matches them all:
- ICU's `Any-Latin; Latin-ASCII` transliterator (pyicu-wheels): Thai, Myanmar, Han, Hangul,
  kana, Tamil, Arabic;
- RTGS for Thai (pythainlp's rule-based royin romaniser, word by word: no dictionary to load);
- Hanyu Pinyin for Chinese (pypinyin), syllables apart and run together ("mei ling", "meiling");
- anyascii for everything, the only one of them that reads Khmer and Lao.
A name's keys are then matched through `sound_key`, which forgets the differences between
romanisation conventions (ph/p, th/t, kh/k, ch/j, ee/i, oo/u, doubled letters), so "Jaidee"
finds ใจดี through RTGS "chaidi", and "Laohapiboonrattana" finds its RTGS spelling.
Each library is optional at run time: a missing one only means fewer keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NATIVE = re.compile("[\u0b80-\u0bff\u0600-\u06ff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                     "\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


def has_native(text: str) -> bool:
    return bool(_NATIVE.search(text or ""))


@lru_cache(maxsize=1)
def _icu():
    try:
        import icu      # loaded on first use: a second to start, needed only for names in other scripts
        return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
    except Exception:          # no ICU on this machine: other keys still work
        return None


@lru_cache(maxsize=1)
def _rtgs():
    """pythainlp's RTGS rules, name word by name word. Its public `romanize` first splits text into
    dictionary words, which places implicit vowels better ("somchai" rather than "samachai") but
    loads a dictionary for 2 s and adds nothing once the sound keys compare the spellings."""
    try:
        from pythainlp.transliterate import royin      # loaded on first use (Thai names only)
    except Exception:
        return None
    rules = getattr(royin, "_romanize", None)
    return (rules,) if rules is not None else (royin.romanize,)


def _ascii_words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@lru_cache(maxsize=65536)
def latin_keys(text: str) -> tuple[str, ...]:
    """Distinct romanisations of a name (each a space-separated string of lowercase ASCII words),
    best-known first; () for a name already in Latin letters."""
    text = unicodedata.normalize("NFC", " ".join((text or "").split()))
    if not has_native(text):
        return ()
    out: list[str] = []

    def add(value: str) -> None:
        value = _ascii_words(value or "")
        if value and value not in out:
            out.append(value)

    if _THAI.search(text) and _rtgs() is not None:
        for romanise in _rtgs():
            try:
                add(" ".join(romanise(w) for w in text.split()))
            except Exception:
                pass
    if _HAN.search(text):
        try:
            from pypinyin import lazy_pinyin      # loaded on first use (Chinese names only)
            words = [" ".join(lazy_pinyin(w)) for w in text.split()]
            add(" ".join(words))
            add(" ".join(w.replace(" ", "") for w in words))
            if len(text.split()) == 1 and len(text) >= 3:
                first, rest = lazy_pinyin(text[:1]), lazy_pinyin(text[1:])
                add(" ".join(first + ["".join(rest)]))        # 陈美玲 -> chen meiling
        except Exception:
            pass
    if _MYANMAR.search(text):
        add(myanmar_common(text))
    if _HAN.search(text):
        words = text.split()
        # the family name: a part of one character, or the first of a whole name written as one word
        family = text if len(text) == 1 else (words[0][:1] if len(words) > 1 or len(text) >= 3 else "")
        for spelling in CHINESE_FAMILY_SPELLINGS.get(family, "").split():
            try:
                from pypinyin import lazy_pinyin      # loaded on first use (Chinese names only)
                rest = " ".join(words[1:]) if len(words) > 1 else text[1:]
                add(" ".join([spelling] + lazy_pinyin(rest)))
            except Exception:
                pass
    icu = _icu()
    if icu is not None:
        add(icu.transliterate(myanmar_syllables(text) if _MYANMAR.search(text) else text))
    try:
        from anyascii import anyascii      # loaded on first use (names in other scripts only)
        add(anyascii(myanmar_syllables(text) if _MYANMAR.search(text) else text))
    except Exception:
        pass
    return tuple(out)


# How Chinese family names are spelt in Singapore, Malaysia, Hong Kong and Taiwan (Hokkien,
# Teochew, Cantonese, Hakka, Wade-Giles), besides pinyin: the family name is what people type.
CHINESE_FAMILY_SPELLINGS = {
    "陈": "tan chan chen chin", "陳": "tan chan chen chin", "林": "lim lam lin", "黄": "wong ng huang ooi oei",
    "黃": "wong ng huang ooi oei", "李": "lee li lei", "王": "wong ong wang heng", "张": "teo chang cheung chong zhang",
    "張": "teo chang cheung chong zhang", "吴": "goh ng wu woo", "吳": "goh ng wu woo", "刘": "lau low liu lew",
    "劉": "lau low liu lew", "蔡": "chua choi tsai cai", "郑": "tay teh cheng chang zheng", "鄭": "tay teh cheng chang zheng",
    "杨": "yeo yang yeung yong", "楊": "yeo yang yeung yong", "许": "koh khoo hui hsu xu", "許": "koh khoo hui hsu xu",
    "何": "ho hoh he", "谢": "chia tse hsieh xie", "謝": "chia tse hsieh xie", "罗": "lo law loh luo", "羅": "lo law loh luo",
    "梁": "leong leung liang neo", "周": "chew chow chou zhou", "徐": "chee tsui hsu xu", "曾": "chan tsang tseng zeng",
    "邓": "teng tang deng", "鄧": "teng tang deng", "萧": "siew siu hsiao xiao", "蕭": "siew siu hsiao xiao",
    "叶": "yap yip yeh ye", "葉": "yap yip yeh ye", "郭": "kwok kuek quek kuo guo", "朱": "choo chu zhu", "胡": "oh woo hu",
    "钟": "chong chung zhong", "鍾": "chong chung zhong", "洪": "ang hung hong", "黎": "lai li", "卢": "loh lo lu lou",
    "盧": "loh lo lu lou", "蒋": "chiang jiang", "孙": "soon suen sun", "孫": "soon suen sun", "马": "ma beh", "馬": "ma beh",
    "高": "koh kao gao ko", "梅": "mui mei", "邱": "khoo yau chiu qiu", "丘": "khoo yau chiu qiu", "余": "yee yu",
    "颜": "gan ngan yan", "顏": "gan ngan yan", "苏": "soh so su", "蘇": "soh so su", "温": "woon wan wen", "温": "woon wan wen",
}
_MYANMAR = re.compile("[\u1000-\u109f]")
# A Myanmar syllable starts at a consonant (or independent vowel) that is neither killed by asat
# (U+103A) nor stacked under a virama (U+1039): names are written without spaces between syllables.
_MYANMAR_ONSET = re.compile("(?<!\u1039)([\u1000-\u102a\u103f\u104c-\u104f])(?![\u1036\u1037\u1038]*[\u103a\u1039])")


# Name syllables as Myanmar people spell them in Latin letters (ICU's transliteration is a
# scholarly one: သက် "saat" for Thet, ခင် "hkain" for Khin): an extra key, not a replacement.
MYANMAR_NAME_SYLLABLES = {
    "အောင်": "aung", "ကျော်": "kyaw", "မိုး": "moe", "ဇော်": "zaw", "ဝင်း": "win", "ခင်": "khin", "မောင်": "maung",
    "နီ": "ni", "လာ": "lar", "မြင့်": "myint", "အေး": "aye", "သက်": "thet", "ထား": "htar", "ဆွေ": "swe", "ဟိန်း": "hein",
    "ထက်": "htet", "စု": "su", "မြတ်": "myat", "နိုး": "noe", "ဇင်": "zin", "ထွန်း": "tun", "ဖြိုး": "phyo", "ဝေ": "wai",
    "ယံ": "yan", "နန္ဒာ": "nandar", "လှိုင်": "hlaing", "နိုင်": "naing", "သန္တာ": "thandar", "မင်း": "min", "ချမ်း": "chan",
    "သူ": "thu", "ယု": "yu", "လွင်": "lwin", "ဦး": "oo", "သီ": "thi", "ရိ": "ri", "ဇာ": "zar", "ငြိမ်း": "nyein",
    "သန့်": "thant", "စိုး": "soe", "မျိုး": "myo", "ကို": "ko", "မ": "ma", "ဒေါ်": "daw", "ထွဋ်": "htut", "ပြည့်": "pyae",
    "ဖူး": "phoo", "ရီ": "yi", "ချို": "cho", "သင်း": "thin", "ညို": "nyo", "ဝါ": "war", "ဟန်": "han", "ပိုင်": "paing",
    "ခိုင်": "khaing", "ရည်": "yee", "စန္ဒာ": "sandar", "မာ": "mar", "ကြည်": "kyi", "မေ": "may", "ဖြူ": "phyu", "လှ": "hla",
    "အိ": "ei", "ဖုန်း": "phone", "နေ": "nay", "ဝဏ္ဏ": "wunna", "ရဲ": "ye", "ဘို": "bo", "တင်": "tin", "ညွန့်": "nyunt",
    "ရွှေ": "shwe", "သော်": "thaw", "ကောင်း": "kaung", "ပြည်": "pyi", "စော": "saw", "ထိုက်": "htike", "သိန်း": "thein",
    "ဇေ": "zay", "ယျ": "yar", "မြ": "mya", "သဇင်": "thazin", "သူဇာ": "thuzar", "ဟေမာ": "hayma", "ခန့်": "khant",
    "ပိုး": "poe", "မွန်": "mon", "ကြီး": "gyi", "လေး": "lay", "ဝဿ": "wutt", "နွယ်": "nwe", "ရတနာ": "yadanar", "ဖြိုးဝေ": "phyo wai",
    "ဦးလှ": "u hla", "သော": "thaw", "ယဉ်": "yin", "ဟုတ်": "hote", "စံ": "san", "ချစ်": "chit", "ကေ": "kay", "ခ": "kha",
}


def myanmar_common(text: str) -> str:
    """A Myanmar name in the common Latin spelling, syllable by syllable; "" if a syllable is unknown."""
    out = []
    for syllable in myanmar_syllables(text).split():
        latin = MYANMAR_NAME_SYLLABLES.get(syllable)
        if latin is None:
            return ""
        out.append(latin)
    return " ".join(out)


def myanmar_syllables(text: str) -> str:
    out = []
    for word in text.split():
        if not _MYANMAR.search(word):
            out.append(word)
            continue
        out.append(_MYANMAR_ONSET.sub(lambda m: " " + m.group(1), word).strip())
    return " ".join(out)


# Differences between romanisation conventions, forgotten in this order: digraphs to one letter,
# voiced to voiceless, then the vowels (the conventions disagree most about those) and h and r.
_DIGRAPHS = (("tch", "j"), ("chh", "j"), ("ch", "j"), ("zh", "j"), ("hk", "k"), ("ck", "k"), ("ph", "p"),
             ("bh", "p"), ("th", "t"), ("dh", "t"), ("kh", "k"), ("gh", "k"), ("sh", "s"), ("ng", "n"), ("ny", "n"),
             ("c", "s"), ("x", "s"), ("z", "j"), ("q", "k"), ("v", "w"), ("f", "p"), ("b", "p"), ("d", "t"), ("g", "k"))


@lru_cache(maxsize=131072)
def sound_key(word: str) -> str:
    """A Latin name word as its consonants sound, whatever the convention spelt it with:
    "jaidee" and "chaidi" -> "jt"; "souksavanh" and "souksahvan" -> "skswn"; "" for no letters."""
    w = _ascii_words(word).replace(" ", "")
    if not w:
        return ""
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    w = w.replace("h", "").replace("r", "").replace("'", "")
    w = re.sub(r"(?<=[aeiouy])w(?![aeiouy])", "", w)    # "kaew", "keo": a w closing a vowel is a vowel
    w = re.sub(r"^y(?=[aeiou])", "Y", w)                # "yan": a y starting a word is a consonant
    w = re.sub(r"[aeiouy]+", "", w).replace("Y", "y")
    w = re.sub(r"(.)\1+", r"\1", w)
    return w or "a"


def display_latin(text: str) -> str:
    """One readable Latin spelling of a name in another script, for a badge's second line:
    RTGS for Thai (with pythainlp's word splitting: "Somchai Chaidi"), pinyin for Chinese with the
    given name run together ("Chen Meiling"), the common Myanmar spelling where every syllable is
    known ("Aung Kyaw Moe"), otherwise ICU, or anyascii for Khmer and Lao. "" when the name is
    already Latin or nothing reads it."""
    text = unicodedata.normalize("NFC", " ".join((text or "").split()))
    if not has_native(text):
        return ""
    value = ""
    if _THAI.search(text):
        try:
            from pythainlp.transliterate import royin      # loaded on first use (Thai names only)
            value = " ".join(royin.romanize(w) for w in text.split())
        except Exception:
            value = ""
    elif _HAN.search(text):
        try:
            from pypinyin import lazy_pinyin      # loaded on first use (Chinese names only)
            words = text.split()
            if len(words) == 1 and len(text) >= 2:
                words = [text[:1], text[1:]]
            value = " ".join("".join(lazy_pinyin(w)) for w in words)
        except Exception:
            value = ""
    elif _MYANMAR.search(text):
        value = myanmar_common(text)
    if not value:
        keys = latin_keys(text)
        value = keys[-1] if keys and re.search("[\u0e80-\u0eff\u1780-\u17ff]", text) else (keys[0] if keys else "")
    return " ".join(w[:1].upper() + w[1:] for w in _ascii_words(value).split())
