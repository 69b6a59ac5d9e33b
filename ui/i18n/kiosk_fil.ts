<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fil_PH">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47" />
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>Ang mga kabataan ay nagche-check in sa mesa ng staff, kasama ang kanilang chaperone.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49" />
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>May kulang sa iyong rehistrasyon. Tutulungan ka ng mesa ng rehistrasyon.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51" />
        <location filename="../kiosk.py" line="53" />
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>Hindi ka namin mahanap gamit ang code na ito. Hahanapin ka ng mesa ayon sa pangalan.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55" />
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>Naka-check in ka na. Kung nawala ang iyong badge, makakatulong ang mesa.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57" />
        <source>This invitation is for another event.</source>
        <translation>Ang imbitasyong ito ay para sa ibang event.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58" />
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>Napalitan na ang badge na ito. Pumunta sa mesa ng rehistrasyon.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59" />
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>Nagbago ang patakaran habang nagbabasa ka. Paki-scan muli.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61" />
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>Hindi na-print ang iyong badge. Ipi-print ito ng mesa para sa iyo.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63" />
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>Hindi makakatulong ang kiosk na ito ngayon. Pumunta sa mesa ng rehistrasyon.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70" />
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>Kumuha ng BERDENG lanyard sa mesa: puwede kang kunan ng litrato.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71" />
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>Kumuha ng PULANG lanyard sa mesa: huwag kang kunan ng litrato.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337" />
        <source>Scan the QR code on your invitation</source>
        <translation>I-scan ang QR code sa iyong imbitasyon</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338" />
        <source>Hold the code under the scanner light.</source>
        <translation>Ilagay ang code sa ilalim ng ilaw ng scanner.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339" />
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340" />
        <source>One moment, please…</source>
        <translation>Sandali lang po…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343" />
        <source>Welcome, %1</source>
        <translation>Maligayang pagdating, %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344" />
        <source>Please read our child safeguarding policy</source>
        <translation>Pakibasa ang aming patakaran sa pangangalaga ng bata</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346" />
        <source>Policy version %1</source>
        <translation>Bersyon ng patakaran %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="347" />
        <source>I agree</source>
        <translation>Sumasang-ayon ako</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="348" />
        <source>Cancel</source>
        <translation>Kanselahin</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="350" />
        <source>Thank you, %1!</source>
        <translation>Salamat, %1!</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is ready.</source>
        <translation>Handa na ang iyong badge.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is printing.</source>
        <translation>Pini-print ang iyong badge.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355" />
        <source>Please go to the registration desk</source>
        <translation>Pumunta sa mesa ng rehistrasyon</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>