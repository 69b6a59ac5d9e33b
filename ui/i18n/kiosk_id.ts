<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47" />
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>Peserta muda melakukan registrasi di meja petugas, bersama pendampingnya.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49" />
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>Ada data pendaftaran Anda yang kurang. Petugas di meja akan membantu Anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51" />
        <location filename="../kiosk.py" line="53" />
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>Kami tidak menemukan Anda dengan kode ini. Petugas akan mencari nama Anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55" />
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>Anda sudah terdaftar hadir. Jika kartu Anda hilang, petugas di meja dapat membantu.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57" />
        <source>This invitation is for another event.</source>
        <translation>Undangan ini untuk acara lain.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58" />
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>Kartu ini sudah diganti. Silakan ke meja registrasi.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59" />
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>Kebijakan berubah saat Anda membaca. Silakan pindai lagi.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61" />
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>Kartu Anda gagal dicetak. Petugas di meja akan mencetaknya untuk Anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63" />
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>Kios ini tidak dapat membantu saat ini. Silakan ke meja registrasi.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70" />
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>Ambil tali kartu HIJAU di meja: Anda boleh difoto.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71" />
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>Ambil tali kartu MERAH di meja: mohon jangan memotret Anda.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337" />
        <source>Scan the QR code on your invitation</source>
        <translation>Pindai kode QR pada undangan Anda</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338" />
        <source>Hold the code under the scanner light.</source>
        <translation>Arahkan kode ke bawah lampu pemindai.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339" />
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340" />
        <source>One moment, please…</source>
        <translation>Mohon tunggu sebentar…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343" />
        <source>Welcome, %1</source>
        <translation>Selamat datang, %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344" />
        <source>Please read our child safeguarding policy</source>
        <translation>Silakan baca kebijakan perlindungan anak kami</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346" />
        <source>Policy version %1</source>
        <translation>Versi kebijakan %1</translation>
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
        <translation>Kartu Anda sudah siap.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is printing.</source>
        <translation>Kartu Anda sedang dicetak.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355" />
        <source>Please go to the registration desk</source>
        <translation>Silakan ke meja registrasi</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>