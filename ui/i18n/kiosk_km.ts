<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km_KH">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47" />
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>យុវជនចុះឈ្មោះនៅតុបុគ្គលិក ជាមួយអ្នកមើលថែរបស់ពួកគេ។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49" />
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>ការចុះឈ្មោះរបស់អ្នកខ្វះព័ត៌មានខ្លះ។ តុចុះឈ្មោះនឹងជួយអ្នក។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51" />
        <location filename="../kiosk.py" line="53" />
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>យើងរកមិនឃើញអ្នកតាមលេខកូដនេះទេ។ តុចុះឈ្មោះនឹងស្វែងរកតាមឈ្មោះរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55" />
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>អ្នកបានចុះឈ្មោះរួចហើយ។ ប្រសិនបើបាត់កាត តុចុះឈ្មោះអាចជួយបាន។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57" />
        <source>This invitation is for another event.</source>
        <translation>លិខិតអញ្ជើញនេះសម្រាប់ព្រឹត្តិការណ៍ផ្សេង។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58" />
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>កាតនេះត្រូវបានជំនួសហើយ។ សូមទៅតុចុះឈ្មោះ។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59" />
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>គោលនយោបាយបានផ្លាស់ប្តូរពេលអ្នកកំពុងអាន។ សូមស្កេនម្តងទៀត។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61" />
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>កាតរបស់អ្នកមិនបានបោះពុម្ពទេ។ តុចុះឈ្មោះនឹងបោះពុម្ពឱ្យអ្នក។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63" />
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>ម៉ាស៊ីននេះមិនអាចជួយបានទេឥឡូវនេះ។ សូមទៅតុចុះឈ្មោះ។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70" />
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>សូមយកខ្សែពាក់កាតពណ៌បៃតងនៅតុ៖ អាចថតរូបអ្នកបាន។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71" />
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>សូមយកខ្សែពាក់កាតពណ៌ក្រហមនៅតុ៖ សូមកុំថតរូបអ្នក។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337" />
        <source>Scan the QR code on your invitation</source>
        <translation>ស្កេនកូដ QR លើលិខិតអញ្ជើញរបស់អ្នក</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338" />
        <source>Hold the code under the scanner light.</source>
        <translation>ដាក់កូដនៅក្រោមពន្លឺម៉ាស៊ីនស្កេន។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339" />
        <source>Language</source>
        <translation>ភាសា</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340" />
        <source>One moment, please…</source>
        <translation>សូមរង់ចាំបន្តិច…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343" />
        <source>Welcome, %1</source>
        <translation>សូមស្វាគមន៍ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344" />
        <source>Please read our child safeguarding policy</source>
        <translation>សូមអានគោលនយោបាយការពារកុមាររបស់យើង</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346" />
        <source>Policy version %1</source>
        <translation>គោលនយោបាយកំណែ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="347" />
        <source>I agree</source>
        <translation>ខ្ញុំយល់ព្រម</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="348" />
        <source>Cancel</source>
        <translation>បោះបង់</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="350" />
        <source>Thank you, %1!</source>
        <translation>សូមអរគុណ %1!</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is ready.</source>
        <translation>កាតរបស់អ្នករួចរាល់ហើយ។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is printing.</source>
        <translation>កំពុងបោះពុម្ពកាតរបស់អ្នក។</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355" />
        <source>Please go to the registration desk</source>
        <translation>សូមទៅតុចុះឈ្មោះ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357" />
        <source>OK</source>
        <translation>យល់ព្រម</translation>
    </message>
</context>
</TS>