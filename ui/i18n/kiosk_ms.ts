<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ms_MY">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47" />
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>Peserta muda mendaftar masuk di kaunter petugas, bersama pengiring mereka.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49" />
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>Ada maklumat pendaftaran anda yang tidak lengkap. Kaunter akan membantu anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51" />
        <location filename="../kiosk.py" line="53" />
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>Kami tidak menemui anda dengan kod ini. Kaunter akan mencari nama anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55" />
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>Anda sudah mendaftar masuk. Jika pas anda hilang, kaunter boleh membantu.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57" />
        <source>This invitation is for another event.</source>
        <translation>Jemputan ini untuk acara lain.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58" />
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>Pas ini telah diganti. Sila ke kaunter pendaftaran.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59" />
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>Dasar telah berubah semasa anda membaca. Sila imbas sekali lagi.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61" />
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>Pas anda gagal dicetak. Kaunter akan mencetaknya untuk anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63" />
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>Kiosk ini tidak dapat membantu sekarang. Sila ke kaunter pendaftaran.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70" />
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>Ambil tali pas HIJAU di meja: anda boleh diambil gambar.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71" />
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>Ambil tali pas MERAH di meja: sila jangan ambil gambar anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337" />
        <source>Scan the QR code on your invitation</source>
        <translation>Imbas kod QR pada jemputan anda</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338" />
        <source>Hold the code under the scanner light.</source>
        <translation>Letakkan kod di bawah lampu pengimbas.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340" />
        <source>One moment, please…</source>
        <translation>Sila tunggu sebentar…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343" />
        <source>Welcome, %1</source>
        <translation>Selamat datang, %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344" />
        <source>Please read our child safeguarding policy</source>
        <translation>Sila baca dasar perlindungan kanak-kanak kami</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346" />
        <source>Policy version %1</source>
        <translation>Versi dasar %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="347" />
        <source>I agree</source>
        <translation>Saya setuju</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="348" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="350" />
        <source>Thank you, %1!</source>
        <translation>Terima kasih, %1!</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is ready.</source>
        <translation>Pas anda sudah sedia.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is printing.</source>
        <translation>Pas anda sedang dicetak.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355" />
        <source>Please go to the registration desk</source>
        <translation>Sila ke kaunter pendaftaran</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>