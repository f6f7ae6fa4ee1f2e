/**
 * The demo's languages: the parent carer survey (ehc-journey) in Polish and in Urdu (right to
 * left), every text translated, so that the language choice shows on its welcome page.
 */
import { SCALES } from './vocabulary';

export interface DemoLanguage {
	surveySlug: string;
	code: string;
	name: string;
	direction: 'ltr' | 'rtl';
	/** text key -> translation (see app.survey_texts) */
	translations: Record<string, string>;
}

type ScaleWords = Record<string, [label: string, easyReadLabel: string]>;

/** The options of a standard scale, for each question that asks it. */
function scale(questions: string[], kind: keyof typeof SCALES, words: ScaleWords): Record<string, string> {
	const out: Record<string, string> = {};
	for (const key of questions) {
		for (const o of SCALES[kind]) {
			const w = words[o.value];
			if (!w) continue;
			out[`o:${key}:${o.value}:label`] = w[0];
			out[`o:${key}:${o.value}:easy_read_label`] = w[1];
		}
	}
	return out;
}

const AGREEMENT_QUESTIONS = [
	'fully_involved',
	'communication_good',
	'plan_reflects_needs',
	'outcomes_clear',
	'provision_meets_needs'
];

const polish: Record<string, string> = {
	title: 'Twoje doświadczenia z procesem planu EHC',
	introduction: [
		'Chcemy usłyszeć, jak Twoja rodzina przeżyła wnioskowanie o plan edukacji, zdrowia i opieki (EHC), jego otrzymanie lub przegląd w Northbridge.',
		'Zajmie to około 5 minut. Pytania oznaczone jako obowiązkowe wymagają odpowiedzi; pozostałe możesz pominąć.',
		'Zadajemy te pytania dwa razy w roku, aby sprawdzić, czy sytuacja się poprawia. Publikujemy to, co powiedziały nam rodziny, i to, co w związku z tym zrobiliśmy, w „You said, we did” („Powiedzieliście, zrobiliśmy”).'
	].join('\n\n'),
	privacy_notice: [
		'Kto czyta odpowiedzi: niewielki zespół w służbie SEND w Northbridge, który prowadzi tę ankietę. Forum Rodziców i Opiekunów, Rada ds. Poprawy SEND i radni widzą tylko sumy, nigdy pojedyncze odpowiedzi, a każdą grupę zbyt małą, by zachować anonimowość, ukrywamy.',
		'Twoje odpowiedzi są anonimowe. Nie pytamy o Twoje imię i nazwisko, imię Twojego dziecka ani adres. Prosimy nie wpisywać nazwisk w polu komentarza.',
		'Jeśli wpiszesz kod panelu, użyjemy go tylko do połączenia Twoich odpowiedzi z tymi, których udzielono ostatnio, aby zobaczyć, co się zmieniło w tych samych rodzinach.',
		'Kiedy możemy musieć zareagować: jeśli coś, co napiszesz, sprawi, że uznamy, iż dziecku lub młodej osobie grozi krzywda, przeczyta to nasza osoba odpowiedzialna za ochronę i może być zobowiązana przekazać tę informację, aby zapewnić bezpieczeństwo.',
		'Jeśli potrzebujesz pomocy teraz: jeśli dziecko jest w niebezpieczeństwie, zadzwoń pod numer 999. Jeśli martwisz się o dziecko, możesz zadzwonić na infolinię NSPCC pod numer 0808 800 5000 lub skontaktować się z Northbridge Children’s Services (numer jest na stronie internetowej rady).',
		'Przechowujemy odpowiedzi z ankiety przez trzy lata, a następnie je usuwamy.'
	].join('\n\n'),
	'q:fully_involved:prompt': 'Czuję, że byłem/byłam w pełni zaangażowany/zaangażowana w proces planu EHC',
	'q:fully_involved:easy_read_prompt': 'Pytano mnie o zdanie i słuchano mnie, gdy pisano plan.',
	'q:communication_good:prompt': 'Komunikacja z zespołem SEND była dobra',
	'q:communication_good:easy_read_prompt':
		'Zespół SEND informował mnie na bieżąco i odpowiadał na moje pytania.',
	'q:plan_reflects_needs:prompt': 'Plan EHC odzwierciedla potrzeby mojego dziecka',
	'q:plan_reflects_needs:easy_read_prompt': 'Plan mówi, czego potrzebuje moje dziecko.',
	'q:plan_reflects_needs:help_text':
		'Jeśli plan jest wciąż w wersji roboczej, odpowiedz na temat wersji roboczej.',
	'q:outcomes_clear:prompt': 'Cele w planie są jasne',
	'q:outcomes_clear:easy_read_prompt': 'Rozumiem, co według planu ma osiągnąć moje dziecko.',
	'q:provision_meets_needs:prompt': 'Wsparcie opisane w planie zaspokoi potrzeby mojego dziecka',
	'q:provision_meets_needs:easy_read_prompt': 'Pomoc opisana w planie to właściwa pomoc dla mojego dziecka.',
	'q:annual_review_on_time:prompt': 'Czy ostatni coroczny przegląd planu Twojego dziecka odbył się na czas?',
	'q:annual_review_on_time:easy_read_prompt': 'Czy coroczne spotkanie w sprawie planu odbyło się na czas?',
	'q:annual_review_on_time:help_text':
		'Coroczny przegląd powinien odbyć się w ciągu 12 miesięcy od sporządzenia planu lub ostatniego przeglądu. Pomiń to pytanie, jeśli Twoje dziecko nie ma jeszcze planu.',
	'q:what_would_help:prompt': 'Jaka jedna rzecz sprawiłaby, że proces byłby lepszy dla Twojej rodziny?',
	'q:what_would_help:easy_read_prompt': 'Co sprawiłoby, że byłoby lepiej?',
	'q:what_would_help:help_text': 'Prosimy nie podawać nazwisk.',
	...scale(AGREEMENT_QUESTIONS, 'agreement_5', {
		strongly_agree: ['Zdecydowanie się zgadzam', 'Tak, bardzo'],
		agree: ['Zgadzam się', 'Tak'],
		neither: ['Ani się zgadzam, ani nie zgadzam', 'Trudno powiedzieć'],
		disagree: ['Nie zgadzam się', 'Nie'],
		strongly_disagree: ['Zdecydowanie się nie zgadzam', 'Nie, wcale']
	}),
	...scale(['annual_review_on_time'], 'yes_no_unsure', {
		yes: ['Tak', 'Tak'],
		no: ['Nie', 'Nie'],
		not_sure: ['Nie wiem', 'Nie wiem']
	})
};

const urdu: Record<string, string> = {
	title: 'EHC پلان کے عمل کے بارے میں آپ کا تجربہ',
	introduction: [
		'ہم جاننا چاہتے ہیں کہ Northbridge میں تعلیم، صحت اور نگہداشت (EHC) پلان مانگنے، حاصل کرنے یا اس کا جائزہ لینے کا تجربہ آپ کے خاندان کے لیے کیسا رہا۔',
		'اس میں تقریباً 5 منٹ لگتے ہیں۔ جن سوالات کو ضروری کہا گیا ہے ان کا جواب دینا ہے؛ باقی آپ چھوڑ سکتے ہیں۔',
		'ہم یہ سوالات سال میں دو بار پوچھتے ہیں تاکہ دیکھ سکیں کہ حالات بہتر ہو رہے ہیں یا نہیں۔ خاندانوں نے ہمیں جو بتایا اور ہم نے اس کے بارے میں جو کیا، وہ ہم "You said, we did" (آپ نے کہا، ہم نے کیا) میں شائع کرتے ہیں۔'
	].join('\n\n'),
	privacy_notice: [
		'آپ کے جوابات کون پڑھتا ہے: Northbridge کی SEND سروس کی ایک چھوٹی ٹیم جو یہ سروے چلاتی ہے۔ والدین اور نگہداشت کرنے والوں کا فورم، SEND بہتری بورڈ اور کونسلر صرف مجموعی تعداد دیکھتے ہیں، کبھی کوئی ایک جواب نہیں، اور ہم ہر وہ گروپ چھپا دیتے ہیں جو لوگوں کی گمنامی برقرار رکھنے کے لیے بہت چھوٹا ہو۔',
		'آپ کے جوابات گمنام ہیں۔ ہم آپ کا نام، آپ کے بچے کا نام یا آپ کا پتہ نہیں پوچھتے۔ براہ کرم تبصرے کے خانے میں نام نہ لکھیں۔',
		'اگر آپ پینل کوڈ درج کرتے ہیں تو ہم اسے صرف آپ کے جوابات کو پچھلی بار کے جوابات سے ملانے کے لیے استعمال کرتے ہیں، تاکہ ہم دیکھ سکیں کہ انہی خاندانوں کے لیے کیا بدلا ہے۔',
		'ہمیں کب کارروائی کرنی پڑ سکتی ہے: اگر آپ کی لکھی ہوئی کسی بات سے ہمیں لگے کہ کسی بچے یا نوجوان کو نقصان کا خطرہ ہے، تو ہمارا حفاظتی ذمہ دار اسے پڑھے گا اور اسے محفوظ رکھنے کے لیے یہ بات آگے بتانی پڑ سکتی ہے۔',
		'اگر آپ کو ابھی مدد چاہیے: اگر کوئی بچہ خطرے میں ہے تو 999 پر کال کریں۔ اگر آپ کو کسی بچے کے بارے میں فکر ہے تو آپ NSPCC ہیلپ لائن کو 0808 800 5000 پر کال کر سکتے ہیں، یا Northbridge Children’s Services سے رابطہ کر سکتے ہیں (نمبر کونسل کی ویب سائٹ پر ہے)۔',
		'ہم سروے کے جوابات تین سال تک رکھتے ہیں اور پھر انہیں مٹا دیتے ہیں۔'
	].join('\n\n'),
	'q:fully_involved:prompt': 'مجھے لگا کہ EHC پلان کے عمل میں مجھے پوری طرح شامل کیا گیا',
	'q:fully_involved:easy_read_prompt': 'پلان لکھتے وقت لوگوں نے میری رائے پوچھی اور سنی۔',
	'q:communication_good:prompt': 'SEND ٹیم کے ساتھ رابطہ اچھا رہا',
	'q:communication_good:easy_read_prompt': 'SEND ٹیم نے مجھے باخبر رکھا اور میرے سوالوں کے جواب دیے۔',
	'q:plan_reflects_needs:prompt': 'EHC پلان میرے بچے کی ضروریات کی عکاسی کرتا ہے',
	'q:plan_reflects_needs:easy_read_prompt': 'پلان میں لکھا ہے کہ میرے بچے کو کیا چاہیے۔',
	'q:plan_reflects_needs:help_text': 'اگر پلان ابھی مسودہ ہے تو مسودے کے بارے میں جواب دیں۔',
	'q:outcomes_clear:prompt': 'پلان میں دیے گئے نتائج واضح ہیں',
	'q:outcomes_clear:easy_read_prompt': 'میں سمجھتا/سمجھتی ہوں کہ پلان میرے بچے سے کیا حاصل کروانا چاہتا ہے۔',
	'q:provision_meets_needs:prompt': 'پلان میں دی گئی مدد میرے بچے کی ضروریات پوری کرے گی',
	'q:provision_meets_needs:easy_read_prompt': 'پلان میں دی گئی مدد میرے بچے کے لیے صحیح مدد ہے۔',
	'q:annual_review_on_time:prompt': 'کیا آپ کے بچے کا پچھلا سالانہ جائزہ وقت پر ہوا؟',
	'q:annual_review_on_time:easy_read_prompt': 'کیا پلان کے بارے میں سالانہ میٹنگ وقت پر ہوئی؟',
	'q:annual_review_on_time:help_text':
		'سالانہ جائزہ پلان یا پچھلے جائزے کے 12 مہینوں کے اندر ہونا چاہیے۔ اگر آپ کے بچے کا ابھی پلان نہیں ہے تو یہ سوال چھوڑ دیں۔',
	'q:what_would_help:prompt': 'کون سی ایک چیز آپ کے خاندان کے لیے اس عمل کو بہتر بنا سکتی تھی؟',
	'q:what_would_help:easy_read_prompt': 'کس چیز سے یہ بہتر ہو سکتا تھا؟',
	'q:what_would_help:help_text': 'براہ کرم نام نہ لکھیں۔',
	...scale(AGREEMENT_QUESTIONS, 'agreement_5', {
		strongly_agree: ['پوری طرح متفق ہوں', 'ہاں، بہت زیادہ'],
		agree: ['متفق ہوں', 'ہاں'],
		neither: ['نہ متفق ہوں نہ غیر متفق', 'یقین نہیں'],
		disagree: ['متفق نہیں ہوں', 'نہیں'],
		strongly_disagree: ['بالکل متفق نہیں ہوں', 'نہیں، بالکل نہیں']
	}),
	...scale(['annual_review_on_time'], 'yes_no_unsure', {
		yes: ['ہاں', 'ہاں'],
		no: ['نہیں', 'نہیں'],
		not_sure: ['یقین نہیں', 'مجھے نہیں معلوم']
	})
};

export const DEMO_LANGUAGES: DemoLanguage[] = [
	{ surveySlug: 'ehc-journey', code: 'pl', name: 'Polski', direction: 'ltr', translations: polish },
	{ surveySlug: 'ehc-journey', code: 'ur', name: 'اردو', direction: 'rtl', translations: urdu }
];
