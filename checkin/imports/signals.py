"""What a row says without a column of ours saying it: that a person is young (an age, a ticket
type or category such as "Young delegate (under 18)", "Pemuda", "เยาวชน", "Thanh thiếu niên"),
which role their ticket gives, and whether their registration is confirmed.

Texts are compared folded (case and Latin accents ignored: "Thanh thiếu niên" is "thanh thieu
nien"); Thai, Lao, Khmer, Myanmar and Chinese are matched as written.
"""

from __future__ import annotations

import re

from checkin.names.person import fold

# A ticket or category for someone under 18: said outright, or by a word for child or adolescent.
_CHILD = re.compile(
    r"under\s*-?\s*18|below\s*18|u\s*-?\s*18\b|under the age|younger than 18|\bminors?\b|\bchild|\bkids?\b|"
    r"\bjunior|\bteen|school (student|pupil)|high school|secondary school|\bpupil|"
    r"\banak|kanak|bawah umur|bawah 18|\bpelajar sekolah|\bsiswa sekolah|"
    r"tre em|thieu nien|duoi 18|hoc sinh|vi thanh nien|"
    r"\bbata\b|\bmenor|mag-aaral|"
    r"เด็ก|ต่ำกว่า 18|นักเรียน|ເດັກ|ນັກຮຽນ|កុមារ|សិស្ស|ကလေး|儿童|兒童|未成年|少年")
# A word for young people in general: a minor unless an age or a date of birth says otherwise.
_YOUTH = re.compile(r"\byouth|\byoung|pemuda|\bbelia|remaja|kabataan|thanh nien|kabataan|"
                    r"เยาวชน|ເຍົາວະຊົນ|យុវជន|လူငယ်|青年")
# Tickets only an adult holds.
_ADULT = re.compile(r"\badults?\b|18\s*\+|over\s*18|18 (and|or) (over|above|older)|above 18|\bdewasa|"
                    r"nguoi lon|nguoi truong thanh|nasa hustong gulang|matanda|ผู้ใหญ่|ຜູ້ໃຫຍ່|មនុស្សពេញវ័យ|"
                    r"လူကြီး|成人|成年|chaperone|pendamping|\bteachers?\b|\bguru\b|giao vien|ครู|"
                    r"\bparents?\b|guardian|\bstaff\b|organi[sz]er|penganjur|\bcrew\b")
_ROLES = (
    ("speaker", re.compile(r"speaker|panel+ist|moderator|keynote|presenter|penceramah|pembicara|dien gia|วิทยากร")),
    ("media", re.compile(r"\bmedia\b|\bpress\b|journalist|wartawan|nha bao|สื่อมวลชน")),
    ("organiser", re.compile(r"organi[sz]er|penganjur|panitia|ban to chuc")),
    ("staff", re.compile(r"\bstaff\b|\bcrew\b|volunteer|sukarelawan|relawan|tinh nguyen")),
)


def ticket_age(text: str) -> str | None:
    """"minor", "youth", "adult", or None when the ticket's name says nothing about age."""
    t = fold(text)
    if not t:
        return None
    if _CHILD.search(t):
        return "minor"
    if _ADULT.search(t):
        return "adult"
    if _YOUTH.search(t):
        return "youth"
    return None


def ticket_role(text: str) -> str | None:
    t = fold(text)
    for role, pattern in _ROLES:
        if pattern.search(t):
            return role
    return None


_AGE = re.compile(r"^(\d{1,3})(?:[.,]0+)?\s*(?:y(?:ea)?rs?\.?(?: old)?|tahun|tuoi|ปี|岁|歲|yo|y/o)?$")


def parse_age(text: str) -> int | None:
    """An age in whole years ("14", "14 years", "14.0"); ValueError for anything else."""
    t = fold(text)
    if not t:
        return None
    m = _AGE.match(t)
    if not m or not 0 < int(m.group(1)) < 120:
        raise ValueError(f"{text!r} is not an age in years")
    return int(m.group(1))


# Registration states, as the systems write them. Confirmed people are imported; pending ones
# are not (unless the organiser asks, then flagged); gone ones are skipped by the preset's rule.
CONFIRMED = {"", "approved", "confirmed", "paid", "p", "completed", "complete", "complete (paid)", "attending",
             "checked in", "going", "registered", "active", "accepted", "valid", "free", "bezahlt", "not checked in"}
_PENDING = re.compile(r"pending|wait[ _-]?list|waiting|invited|unpaid|not paid|awaiting|await|unconfirmed|"
                      r"moderation|on hold|requested|applied|reserved|tentative|submitted|offen|ausstehend|"
                      r"warteliste|menunggu|belum|cho duyet|cho thanh toan|รอ")


def status_kind(text: str) -> str:
    """"confirmed" or "pending" (the caller's skip rule has already taken cancelled and void)."""
    t = fold(text).strip()
    if t in CONFIRMED:
        return "confirmed"
    if t in ("n",) or _PENDING.search(t):        # pretix writes n for pending in its codes
        return "pending"
    return "confirmed"


def status_flag(text: str) -> str:
    """The status stored for a pending person, in a word the desk can show: "pending_approval"."""
    return "_".join(fold(text).replace("-", " ").split()) or "pending"
