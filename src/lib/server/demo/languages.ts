/**
 * The demo's languages: the parent carer survey (ehc-journey) in Polish and in Urdu (right to
 * left), every text translated (its about-you questions and Northbridge's areas too), so that the
 * language choice shows on its welcome page.
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

/** An about-you question's wording and its answers by category code (see app.about_categories). */
type AboutWords = Record<string, { prompt: string; answers: Record<string, string> }>;

/** The about-you questions' texts, with "prefer not to say" the same for each. */
function about(words: AboutWords, preferNotToSay: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [dimension, w] of Object.entries(words)) {
		out[`about:${dimension}:prompt`] = w.prompt;
		for (const [code, label] of Object.entries(w.answers)) out[`about:${dimension}:${code}:label`] = label;
		out[`about:${dimension}:prefer_not_to_say:label`] = preferNotToSay;
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
	}),
	...about(
		{
			phase: {
				prompt: 'Etap edukacji',
				answers: {
					early_years: 'Wczesne dzieciństwo (poniżej 5 lat)',
					primary: 'Szkoła podstawowa',
					secondary: 'Szkoła średnia',
					post_16: 'Po 16. roku życia (16–25 lat)'
				}
			},
			age_band: {
				prompt: 'Wiek',
				answers: {
					age_0_4: '0–4 lata',
					age_5_10: '5–10 lat',
					age_11_15: '11–15 lat',
					age_16_19: '16–19 lat',
					age_20_25: '20–25 lat'
				}
			},
			support: {
				prompt: 'Obecne wsparcie',
				answers: {
					ehcp: 'Plan EHC',
					sen_support: 'Wsparcie SEN (bez planu EHC)',
					assessment: 'W trakcie oceny potrzeb do planu EHC',
					none: 'Brak dodatkowego wsparcia',
					not_sure: 'Nie wiem'
				}
			},
			setting: {
				prompt: 'Miejsce nauki',
				answers: {
					mainstream: 'Szkoła ogólnodostępna',
					special: 'Szkoła specjalna',
					resourced: 'Oddział specjalistyczny przy szkole ogólnodostępnej',
					alternative: 'Edukacja alternatywna (alternative provision)',
					college: 'College (nauka po 16. roku życia)',
					early_years_setting: 'Żłobek, przedszkole lub inna placówka dla małych dzieci',
					home_educated: 'Edukacja domowa',
					out_of_area: 'Szkoła lub college poza okolicą',
					not_in_education: 'Nie uczy się'
				}
			},
			ethnicity: {
				prompt: 'Grupa etniczna',
				answers: {
					asian_indian: 'Azjatyckie lub brytyjsko-azjatyckie: indyjskie',
					asian_pakistani: 'Azjatyckie lub brytyjsko-azjatyckie: pakistańskie',
					asian_bangladeshi: 'Azjatyckie lub brytyjsko-azjatyckie: bangladeskie',
					asian_chinese: 'Azjatyckie lub brytyjsko-azjatyckie: chińskie',
					asian_other: 'Inne pochodzenie azjatyckie',
					black_african: 'Czarnoskóre, czarnoskóre brytyjskie, karaibskie lub afrykańskie: afrykańskie',
					black_caribbean: 'Czarnoskóre, czarnoskóre brytyjskie, karaibskie lub afrykańskie: karaibskie',
					black_other: 'Inne pochodzenie czarnoskóre, czarnoskóre brytyjskie lub karaibskie',
					mixed_white_black_caribbean: 'Mieszane: białe i czarnoskóre karaibskie',
					mixed_white_black_african: 'Mieszane: białe i czarnoskóre afrykańskie',
					mixed_white_asian: 'Mieszane: białe i azjatyckie',
					mixed_other: 'Inne pochodzenie mieszane lub wieloetniczne',
					white_british: 'Białe: angielskie, walijskie, szkockie, północnoirlandzkie lub brytyjskie',
					white_irish: 'Białe: irlandzkie',
					white_gypsy_traveller: 'Białe: cygańskie lub Irish Traveller (irlandzcy wędrowcy)',
					white_roma: 'Białe: romskie',
					white_other: 'Inne pochodzenie białe',
					other_arab: 'Inna grupa etniczna: arabskie',
					other_any: 'Inna grupa etniczna'
				}
			},
			gender: {
				prompt: 'Płeć',
				answers: {
					girl_woman: 'Dziewczyna lub kobieta',
					boy_man: 'Chłopak lub mężczyzna',
					another: 'Inaczej'
				}
			},
			area: {
				prompt: 'Okolica',
				answers: {
					north: 'Północne Northbridge',
					south: 'Południowe Northbridge',
					east: 'Wschodnie Northbridge',
					west: 'Zachodnie Northbridge',
					central: 'Centralne Northbridge'
				}
			},
			care_experience: {
				prompt: 'Doświadczenie pieczy zastępczej',
				answers: {
					in_care: 'Obecnie w pieczy zastępczej',
					care_leaver: 'Opuścił(a) pieczę zastępczą',
					no: 'Nie'
				}
			}
		},
		'Wolę nie mówić'
	)
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
	}),
	...about(
		{
			phase: {
				prompt: 'تعلیم کا مرحلہ',
				answers: {
					early_years: 'ابتدائی سال (5 سال سے کم)',
					primary: 'پرائمری اسکول',
					secondary: 'سیکنڈری اسکول',
					post_16: '16 سال کے بعد (16 سے 25)'
				}
			},
			age_band: {
				prompt: 'عمر',
				answers: {
					age_0_4: '0 سے 4',
					age_5_10: '5 سے 10',
					age_11_15: '11 سے 15',
					age_16_19: '16 سے 19',
					age_20_25: '20 سے 25'
				}
			},
			support: {
				prompt: 'موجودہ مدد',
				answers: {
					ehcp: 'EHC پلان',
					sen_support: 'SEN مدد (EHC پلان کے بغیر)',
					assessment: 'EHC پلان کے لیے جانچ ہو رہی ہے',
					none: 'کوئی اضافی مدد نہیں',
					not_sure: 'یقین نہیں'
				}
			},
			setting: {
				prompt: 'تعلیم کی جگہ',
				answers: {
					mainstream: 'عام (مین اسٹریم) اسکول',
					special: 'اسپیشل اسکول',
					resourced: 'عام اسکول میں خصوصی یونٹ',
					alternative: 'متبادل تعلیم (الٹرنیٹو پروویژن)',
					college: 'کالج',
					early_years_setting: 'نرسری یا چھوٹے بچوں کی کوئی اور جگہ',
					home_educated: 'گھر پر تعلیم',
					out_of_area: 'علاقے سے باہر کوئی اسکول یا کالج',
					not_in_education: 'تعلیم حاصل نہیں کر رہے'
				}
			},
			ethnicity: {
				prompt: 'نسلی گروپ',
				answers: {
					asian_indian: 'ایشیائی یا ایشیائی برطانوی: بھارتی',
					asian_pakistani: 'ایشیائی یا ایشیائی برطانوی: پاکستانی',
					asian_bangladeshi: 'ایشیائی یا ایشیائی برطانوی: بنگلہ دیشی',
					asian_chinese: 'ایشیائی یا ایشیائی برطانوی: چینی',
					asian_other: 'کوئی اور ایشیائی پس منظر',
					black_african: 'سیاہ فام، سیاہ فام برطانوی، کیریبین یا افریقی: افریقی',
					black_caribbean: 'سیاہ فام، سیاہ فام برطانوی، کیریبین یا افریقی: کیریبین',
					black_other: 'کوئی اور سیاہ فام، سیاہ فام برطانوی یا کیریبین پس منظر',
					mixed_white_black_caribbean: 'مخلوط: سفید فام اور سیاہ فام کیریبین',
					mixed_white_black_african: 'مخلوط: سفید فام اور سیاہ فام افریقی',
					mixed_white_asian: 'مخلوط: سفید فام اور ایشیائی',
					mixed_other: 'کوئی اور مخلوط یا کثیر نسلی پس منظر',
					white_british: 'سفید فام: انگریز، ویلش، اسکاٹش، شمالی آئرش یا برطانوی',
					white_irish: 'سفید فام: آئرش',
					white_gypsy_traveller: 'سفید فام: جپسی یا آئرش ٹریولر',
					white_roma: 'سفید فام: روما',
					white_other: 'کوئی اور سفید فام پس منظر',
					other_arab: 'کوئی اور نسلی گروپ: عرب',
					other_any: 'کوئی اور نسلی گروپ'
				}
			},
			gender: {
				prompt: 'جنس',
				answers: { girl_woman: 'لڑکی یا عورت', boy_man: 'لڑکا یا مرد', another: 'کسی اور طرح' }
			},
			area: {
				prompt: 'علاقہ',
				answers: {
					north: 'شمالی Northbridge',
					south: 'جنوبی Northbridge',
					east: 'مشرقی Northbridge',
					west: 'مغربی Northbridge',
					central: 'وسطی Northbridge'
				}
			},
			care_experience: {
				prompt: 'نگہداشت (کیئر) کا تجربہ',
				answers: {
					in_care: 'ابھی نگہداشت (کیئر) میں ہیں',
					care_leaver: 'نگہداشت (کیئر) چھوڑ چکے ہیں',
					no: 'نہیں'
				}
			}
		},
		'بتانا نہیں چاہتے'
	)
};

export const DEMO_LANGUAGES: DemoLanguage[] = [
	{ surveySlug: 'ehc-journey', code: 'pl', name: 'Polski', direction: 'ltr', translations: polish },
	{ surveySlug: 'ehc-journey', code: 'ur', name: 'اردو', direction: 'rtl', translations: urdu }
];
