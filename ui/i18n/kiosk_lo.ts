<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lo_LA">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47" />
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>ຊາວໜຸ່ມລົງທະບຽນຢູ່ໂຕະພະນັກງານ ພ້ອມກັບຜູ້ດູແລຂອງເຂົາເຈົ້າ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49" />
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>ການລົງທະບຽນຂອງທ່ານຍັງຂາດຂໍ້ມູນ. ໂຕະລົງທະບຽນຈະຊ່ວຍທ່ານ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51" />
        <location filename="../kiosk.py" line="53" />
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>ພວກເຮົາຊອກບໍ່ພົບທ່ານດ້ວຍລະຫັດນີ້. ໂຕະລົງທະບຽນຈະຊອກຫາຕາມຊື່ຂອງທ່ານ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55" />
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>ທ່ານລົງທະບຽນແລ້ວ. ຖ້າບັດເສຍ, ໂຕະລົງທະບຽນຊ່ວຍໄດ້.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57" />
        <source>This invitation is for another event.</source>
        <translation>ບັດເຊີນນີ້ແມ່ນສຳລັບງານອື່ນ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58" />
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>ບັດນີ້ຖືກປ່ຽນແທນແລ້ວ. ກະລຸນາໄປທີ່ໂຕະລົງທະບຽນ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59" />
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>ນະໂຍບາຍປ່ຽນແປງໃນຂະນະທີ່ທ່ານອ່ານ. ກະລຸນາສະແກນອີກຄັ້ງ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61" />
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>ບັດຂອງທ່ານພິມບໍ່ສຳເລັດ. ໂຕະລົງທະບຽນຈະພິມໃຫ້ທ່ານ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63" />
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>ຕູ້ນີ້ບໍ່ສາມາດຊ່ວຍໄດ້ໃນຕອນນີ້. ກະລຸນາໄປທີ່ໂຕະລົງທະບຽນ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70" />
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>ຮັບສາຍຄໍບັດສີຂຽວຢູ່ໂຕະ: ຖ່າຍຮູບທ່ານໄດ້.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71" />
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>ຮັບສາຍຄໍບັດສີແດງຢູ່ໂຕະ: ກະລຸນາຢ່າຖ່າຍຮູບທ່ານ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337" />
        <source>Scan the QR code on your invitation</source>
        <translation>ສະແກນລະຫັດ QR ໃນບັດເຊີນຂອງທ່ານ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338" />
        <source>Hold the code under the scanner light.</source>
        <translation>ວາງລະຫັດໃຕ້ແສງຂອງເຄື່ອງສະແກນ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339" />
        <source>Language</source>
        <translation>ພາສາ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340" />
        <source>One moment, please…</source>
        <translation>ກະລຸນາລໍຖ້າຈັກໜ້ອຍ…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343" />
        <source>Welcome, %1</source>
        <translation>ຍິນດີຕ້ອນຮັບ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344" />
        <source>Please read our child safeguarding policy</source>
        <translation>ກະລຸນາອ່ານນະໂຍບາຍປົກປ້ອງເດັກຂອງພວກເຮົາ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346" />
        <source>Policy version %1</source>
        <translation>ນະໂຍບາຍສະບັບ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="347" />
        <source>I agree</source>
        <translation>ຂ້ອຍຍອມຮັບ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="348" />
        <source>Cancel</source>
        <translation>ຍົກເລີກ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="350" />
        <source>Thank you, %1!</source>
        <translation>ຂອບໃຈ %1!</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is ready.</source>
        <translation>ບັດຂອງທ່ານພ້ອມແລ້ວ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is printing.</source>
        <translation>ກຳລັງພິມບັດຂອງທ່ານ.</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355" />
        <source>Please go to the registration desk</source>
        <translation>ກະລຸນາໄປທີ່ໂຕະລົງທະບຽນ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357" />
        <source>OK</source>
        <translation>ຕົກລົງ</translation>
    </message>
</context>
</TS>