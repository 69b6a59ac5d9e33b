<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="my_MM">
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../kiosk.py" line="47" />
        <source>Young people are checked in at the staffed desk, with their chaperone.</source>
        <translation>လူငယ်များသည် ၎င်းတို့၏ အုပ်ထိန်းသူနှင့်အတူ ဝန်ထမ်းစားပွဲတွင် စာရင်းသွင်းရပါမည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="49" />
        <source>Something is missing from your registration. The desk will help you.</source>
        <translation>သင့်မှတ်ပုံတင်ချက်တွင် အချက်အလက် လိုအပ်နေပါသည်။ စားပွဲမှ ကူညီပေးပါမည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="51" />
        <location filename="../kiosk.py" line="53" />
        <source>We could not find you with this code. The desk will find you by name.</source>
        <translation>ဤကုဒ်ဖြင့် သင့်ကို ရှာမတွေ့ပါ။ စားပွဲမှ သင့်အမည်ဖြင့် ရှာပေးပါမည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="55" />
        <source>You are already checked in. If you lost your badge, the desk can help.</source>
        <translation>သင် စာရင်းသွင်းပြီးပါပြီ။ ကတ်ပျောက်ပါက စားပွဲမှ ကူညီနိုင်ပါသည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="57" />
        <source>This invitation is for another event.</source>
        <translation>ဤဖိတ်စာသည် အခြားပွဲအတွက် ဖြစ်ပါသည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="58" />
        <source>This badge has been replaced. Please see the desk.</source>
        <translation>ဤကတ်ကို အစားထိုးပြီးပါပြီ။ စားပွဲသို့ သွားပါ။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="59" />
        <source>The policy changed while you were reading. Please scan again.</source>
        <translation>သင်ဖတ်နေစဉ် မူဝါဒ ပြောင်းလဲသွားပါသည်။ ထပ်မံစကင်ဖတ်ပါ။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="61" />
        <source>Your badge did not print. The desk will print it for you.</source>
        <translation>သင့်ကတ် ပုံနှိပ်၍ မရပါ။ စားပွဲမှ ပုံနှိပ်ပေးပါမည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="63" />
        <source>This kiosk cannot help right now. Please go to the desk.</source>
        <translation>ဤစက်သည် ယခု မကူညီနိုင်ပါ။ မှတ်ပုံတင်စားပွဲသို့ သွားပါ။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="70" />
        <source>Collect a GREEN lanyard at the table: photos of you are allowed.</source>
        <translation>စားပွဲတွင် အစိမ်းရောင် ကြိုးကို ယူပါ- သင့်ဓာတ်ပုံ ရိုက်နိုင်ပါသည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="71" />
        <source>Collect a RED lanyard at the table: no photos of you, please.</source>
        <translation>စားပွဲတွင် အနီရောင် ကြိုးကို ယူပါ- သင့်ဓာတ်ပုံ မရိုက်ပါ။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="337" />
        <source>Scan the QR code on your invitation</source>
        <translation>သင့်ဖိတ်စာပေါ်ရှိ QR ကုဒ်ကို စကင်ဖတ်ပါ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="338" />
        <source>Hold the code under the scanner light.</source>
        <translation>ကုဒ်ကို စကင်နာ မီးအောက်တွင် ထားပါ။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="339" />
        <source>Language</source>
        <translation>ဘာသာစကား</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="340" />
        <source>One moment, please…</source>
        <translation>ခဏစောင့်ပါ…</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="343" />
        <source>Welcome, %1</source>
        <translation>ကြိုဆိုပါသည်၊ %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="344" />
        <source>Please read our child safeguarding policy</source>
        <translation>ကျွန်ုပ်တို့၏ ကလေးကာကွယ်ရေးမူဝါဒကို ဖတ်ပါ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="346" />
        <source>Policy version %1</source>
        <translation>မူဝါဒ ဗားရှင်း %1</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="347" />
        <source>I agree</source>
        <translation>ကျွန်ုပ် သဘောတူပါသည်</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="348" />
        <source>Cancel</source>
        <translation>မလုပ်တော့ပါ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="350" />
        <source>Thank you, %1!</source>
        <translation>ကျေးဇူးတင်ပါသည်၊ %1!</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is ready.</source>
        <translation>သင့်ကတ် အဆင်သင့်ဖြစ်ပါပြီ။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="351" />
        <source>Your badge is printing.</source>
        <translation>သင့်ကတ်ကို ပုံနှိပ်နေပါသည်။</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="355" />
        <source>Please go to the registration desk</source>
        <translation>မှတ်ပုံတင်စားပွဲသို့ သွားပါ</translation>
    </message>
    <message>
        <location filename="../kiosk.py" line="357" />
        <source>OK</source>
        <translation>အိုကေ</translation>
    </message>
</context>
</TS>