<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47"/>
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>เยาวชนลงทะเบียนที่โต๊ะเจ้าหน้าที่ พร้อมผู้ดูแลของตน</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49"/>
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>ข้อมูลการลงทะเบียนของคุณยังไม่ครบ เจ้าหน้าที่ที่โต๊ะจะช่วยคุณ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51"/>
        <location filename="../kiosk.py" line="53"/>
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>เราไม่พบข้อมูลของคุณจากรหัสนี้ เจ้าหน้าที่ที่โต๊ะจะค้นหาจากชื่อของคุณ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55"/>
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>คุณลงทะเบียนแล้ว หากบัตรหาย เจ้าหน้าที่ที่โต๊ะช่วยได้</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57"/>
        <source>This invitation is for another event.</source>
        <translation>บัตรเชิญนี้เป็นของงานอื่น</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58"/>
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>บัตรนี้ถูกแทนที่แล้ว กรุณาติดต่อโต๊ะลงทะเบียน</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59"/>
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>นโยบายมีการเปลี่ยนแปลงระหว่างที่คุณอ่าน กรุณาสแกนอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61"/>
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>บัตรของคุณพิมพ์ไม่สำเร็จ เจ้าหน้าที่ที่โต๊ะจะพิมพ์ให้</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63"/>
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>ตู้นี้ให้บริการไม่ได้ในขณะนี้ กรุณาไปที่โต๊ะลงทะเบียน</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70"/>
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>รับสายคล้องบัตรสีเขียวที่โต๊ะ: ถ่ายภาพคุณได้</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71"/>
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>รับสายคล้องบัตรสีแดงที่โต๊ะ: กรุณาไม่ถ่ายภาพคุณ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337"/>
        <source>Scan the QR code on your invitation</source>
        <translation>สแกนคิวอาร์โค้ดบนบัตรเชิญของคุณ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338"/>
        <source>Hold the code under the scanner light.</source>
        <translation>วางรหัสใต้แสงของเครื่องสแกน</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339"/>
        <source>Language</source>
        <translation>ภาษา</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340"/>
        <source>One moment, please…</source>
        <translation>กรุณารอสักครู่…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343"/>
        <source>Welcome, %1</source>
        <translation>ยินดีต้อนรับ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344"/>
        <source>Please read our child safeguarding policy</source>
        <translation>กรุณาอ่านนโยบายการคุ้มครองเด็กของเรา</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346"/>
        <source>Policy version %1</source>
        <translation>นโยบายฉบับ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="347"/>
        <source>I agree</source>
        <translation>ฉันยอมรับ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="348"/>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="350"/>
        <source>Thank you, %1!</source>
        <translation>ขอบคุณ %1!</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351"/>
        <source>Your badge is ready.</source>
        <translation>บัตรของคุณพร้อมแล้ว</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351"/>
        <source>Your badge is printing.</source>
        <translation>กำลังพิมพ์บัตรของคุณ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355"/>
        <source>Please go to the registration desk</source>
        <translation>กรุณาไปที่โต๊ะลงทะเบียน</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357"/>
        <source>OK</source>
        <translation>ตกลง</translation>
    </message>
</context>
</TS>
