/**
 * The words of the respondent's pages that are not the survey's own (buttons, headings, hints,
 * error messages), by language. The survey's texts come translated from the database
 * (src/lib/respondent/language.ts); these come with the app.
 *
 * English is complete. Another language's catalogue may leave strings out: they are shown in
 * English. A language without a catalogue is shown with English interface words.
 */
import { ENGLISH_TAG } from '$lib/domain';
import { MESSAGES as ENGLISH_VALIDATION, type ValidationMessages } from '$lib/respondent/response';

export interface Messages {
	/** the language of these words: <… lang> of a part shown in them */
	lang: string;
	dir: 'ltr' | 'rtl';
	/** for numbers and dates */
	locale: string;
	skipToMain: string;
	haveYourSay: string;
	previewBanner: string;
	/** before the Childline number */
	footer: string;
	/** before an error message, for screen readers */
	error: string;
	problem: string;
	optional: string;
	chooseLanguage: string;

	notOpenTitle: string;
	notOpenText: (date: string) => string;
	closedTitle: string;
	closedText: (date: string) => string;
	/** a wave answered only through the invitation links sent to the people invited */
	invitationOnlyTitle: string;
	invitationOnlyText: (organisation: string) => string;
	contactNow: (organisation: string) => string;
	missingTitle: string;
	missingText: string;
	pagesIntro: (pages: number, date: string) => string;
	switchToStandard: string;
	switchToEasy: string;
	beforeYouStart: string;
	anonymousLead: string;
	anonymousText: string;
	whoReadsLead: string;
	whoReadsText: (organisation: string) => string;
	actLead: string;
	actText: string;
	helpLead: string;
	/** before the Childline number */
	helpText: string;
	/** the same four points in easy read: short sentences, everyday words */
	easySafety: {
		anonymous: string;
		whoReads: (organisation: string) => string;
		act: string;
		/** before the Childline number */
		help: string;
	};
	morePrivacy: string;
	start: string;
	continueTitle: string;
	yourCode: string;
	codeHint: string;
	resumeEmpty: string;
	resumeNotFound: string;
	/** wrong codes tried too often: until when (London time, hh:mm), in how many minutes */
	resumeTooMany: (time: string, minutes: number, organisation: string) => string;
	continueMine: string;
	/**
	 * a survey under way whose page was asked for by its address alone (from the browser's history, or in
	 * a new tab): why its answers are not shown, and what to do
	 */
	lockedText: string;
	startAgain: string;

	pageOf: (n: number, total: number) => string;
	whoAnswering: string;
	whoFilling: string;
	assistance: { own: string; helped: string; on_behalf: string };
	panelCode: string;
	panelHint: string;
	/** the checkbox that gives a first-time respondent a new panel code */
	panelNew: string;
	panelNewHint: string;
	aboutYou: string;
	aboutIntro: string;
	notAnswered: string;
	continue: string;
	saveAndReturn: string;
	back: string;
	finishLaterTitle: string;
	/** before the resume code */
	finishLaterText: string;
	finishLaterHow: string;
	/** before a resume code is given */
	finishLaterNoCode: string;
	finishLaterSave: string;
	finishLaterSaved: string;
	readAloud: string;
	answersAre: string;
	upTo: (max: string) => string;
	saved: string;

	checkTitle: string;
	checkIntro: string;
	/** above the questions whose answers were taken out, because a changed earlier answer no longer asks them */
	answersDropped: string;
	change: string;
	usedTitle: string;
	usedText: (organisation: string) => string;
	sendTitle: string;
	/** the resume code, or null when no draft is kept */
	sendText: (code: string | null) => string;
	send: string;

	/** a one-time invitation link's page (/s/i/<token>) */
	invitedBy: (organisation: string) => string;
	invitationIntro: (date: string) => string;
	invitationUsedTitle: string;
	invitationUsedText: (organisation: string) => string;
	/** before a link to the survey's open address, named by the survey's title */
	invitationOpenLink: string;
	invitationNotOpenText: (date: string) => string;

	thanksTitle: string;
	nextTitle: string;
	nextReads: (organisation: string) => string;
	nextPublish: (organisation: string) => string;
	/** when the organisation has given the address of its "you said, we did" page */
	nextPublished: (organisation: string) => string;
	youSaidLink: (organisation: string) => string;
	nextWorry: string;

	/** the page shown when a survey's page cannot be (src/routes/(respondent)/+error.svelte) */
	problemPage: ProblemPageMessages;
	validation: ValidationMessages;
}

export interface ProblemPageMessages {
	notFoundTitle: string;
	notFoundText: string;
	notFoundLink: string;
	/** 400: what was sent cannot be taken as it is, and trying again as it is will not help */
	refusedTitle: string;
	/** a NUL character in what was sent */
	unkept: string;
	/** a field the survey does not have, or an answer past its limits: only a crafted form sends one */
	notAsked: string;
	checkAgain: string;
	/** 429: over a limit on one connection */
	waitTitle: string;
	waitText: (minutes: number) => string;
	waitWhy: string;
	failedTitle: string;
	failedText: string;
	home: string;
}

export const en: Messages = {
	lang: ENGLISH_TAG,
	dir: 'ltr',
	locale: ENGLISH_TAG,
	skipToMain: 'Skip to main content',
	haveYourSay: 'Have your say',
	previewBanner: 'Preview: answers are not saved',
	footer:
		"Your answers are anonymous. If you are worried about your safety or someone else's, call 999 in an emergency, or Childline free on",
	error: 'Error:',
	problem: 'There is a problem',
	optional: '(optional)',
	chooseLanguage: 'Choose a language',

	notOpenTitle: 'This survey is not open yet',
	notOpenText: (date) => `It opens on ${date}. Please come back then.`,
	closedTitle: 'This survey has closed',
	closedText: (date) =>
		`It closed on ${date}, so we cannot take new answers. Thank you for wanting to take part.`,
	invitationOnlyTitle: 'This survey is for the people invited',
	invitationOnlyText: (org) =>
		`Only the people ${org} sent a link to can answer it. If you were sent a link, please use that link. If you think you should have had one, contact ${org}.`,
	contactNow: (org) =>
		`If you want to tell ${org} something now, contact your local SEND team or the parent carer forum.`,
	missingTitle: 'We could not find those answers',
	missingText:
		'Answers are kept for 30 days after the last one was given, and stop being kept once they are sent. Start again below, or enter your code if you have one.',
	pagesIntro: (pages, date) =>
		`There are ${pages} short pages, then a page to check your answers before you send them. There is no time limit. You can open the survey until ${date}.`,
	switchToStandard: 'Switch to the standard version',
	switchToEasy: 'Switch to easy read',
	beforeYouStart: 'Before you start',
	anonymousLead: 'It is anonymous.',
	anonymousText: 'We do not ask your name. Please do not write names in your answers.',
	whoReadsLead: 'Who reads your answers:',
	whoReadsText: (org) => `a small team at ${org}. Everyone else sees totals only.`,
	actLead: 'When we may have to act:',
	actText:
		'if you tell us that a child or someone else is at risk of harm, the person whose job is to keep people safe will read it and may need to act.',
	helpLead: 'If you need help now:',
	helpText: 'in an emergency call 999. Children and young people can call Childline free on',
	easySafety: {
		anonymous: 'You do not have to tell us your name. Please do not write anyone’s name.',
		whoReads: (org) => `Only a few people at ${org} read what you say.`,
		act: 'If you tell us someone is being hurt, or could get hurt, we will tell a person whose job is to keep people safe.',
		help: 'If you need help now, call 999. You can call Childline for free on'
	},
	morePrivacy: 'More about your privacy',
	start: 'Start the survey',
	continueTitle: 'Continue a survey you started',
	yourCode: 'Your code',
	codeHint: 'The code shown on each page of the survey, like K7QP-2MXA-9RTW. It works on any device.',
	resumeEmpty: 'Enter the code you were given, like K7QP-2MXA-9RTW.',
	resumeNotFound:
		'We could not find answers with this code. Check it against the code you noted, or start the survey again. ' +
		'Codes work for 30 days after the last answer, and stop when the answers are sent.',
	resumeTooMany: (time, minutes, org) =>
		`Too many codes that did not match have been tried, so to keep everyone's answers safe you cannot try another code until ${time} (in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}). You can start the survey again now instead. If you need help, ask ${org}.`,
	continueMine: 'Continue my survey',
	lockedText:
		'To keep your answers private, this page does not show them to someone who only has its address. Enter your code to carry on where you left off, or start the survey again.',
	startAgain: 'Start the survey again',

	pageOf: (n, total) => `Page ${n} of ${total}`,
	whoAnswering: 'Who is answering',
	whoFilling: 'Who is filling in this survey?',
	assistance: {
		own: 'I am answering on my own',
		helped: 'Someone is helping me answer',
		on_behalf: 'I am answering for someone else'
	},
	panelCode: 'Panel code',
	panelHint:
		'If you were given a panel code when you answered before, enter it so we can see what has changed for you. It is never linked to your name.',
	panelNew: 'This is my first time: give me this panel code',
	panelNewHint:
		'Write the code down. If we ask you again, enter it so we can see what has changed for you. You can leave this out.',
	aboutYou: 'About you',
	aboutIntro:
		'These questions help us check we are hearing from everyone. You can leave any of them out, or choose "Prefer not to say".',
	notAnswered: 'Not answered',
	continue: 'Continue',
	saveAndReturn: 'Save and go back to your answers',
	back: 'Back',
	finishLaterTitle: 'To finish later',
	finishLaterText: 'To finish later on this or another device, note this code:',
	finishLaterHow:
		'Open the survey again and choose "Continue a survey you started". The code works for 30 days.',
	finishLaterNoCode:
		'To finish later on this or another device, save your answers so far and note the code you are given. Answers not saved or sent are not kept.',
	finishLaterSave: 'Save my answers to finish later',
	finishLaterSaved: 'Your answers so far are saved.',
	readAloud: 'Read this question aloud',
	answersAre: 'The answers are:',
	upTo: (max) => `Up to ${max} characters.`,
	saved: 'Your answers are saved.',

	checkTitle: 'Check your answers',
	checkIntro: 'Check your answers before you send them. You can change any of them.',
	answersDropped:
		'Because you changed an earlier answer, these questions are no longer asked. Your answers to them have been removed and will not be sent:',
	change: 'Change',
	usedTitle: 'This invitation link has already been used',
	usedText: (org) =>
		`Answers have already been sent with the link you started from, and each link takes one set of answers. Your answers have not been sent. Contact the team at ${org} who sent the link for a new one.`,
	sendTitle: 'Now send your answers',
	sendText: (code) =>
		`When you send your answers, they are added to everyone else's. You cannot change them after that${code ? `, and your code (${code}) stops working` : ''}.`,
	send: 'Send my answers',

	invitedBy: (org) => `${org} has asked you to answer this survey.`,
	invitationIntro: (date) =>
		`This link is for one set of answers. There is no time limit, and you can check your answers before you send them. You can answer until ${date}.`,
	invitationUsedTitle: 'This link has already been used',
	invitationUsedText: (org) =>
		`Someone has already sent answers with this link, and each link takes one set of answers. If you have not answered yet, or the link was shared with you by mistake, contact the team at ${org} who sent it, and they can send you a new one.`,
	invitationOpenLink: 'You can also answer the survey through its open link:',
	invitationNotOpenText: (date) => `It opens on ${date}. Please come back then, with this link.`,

	thanksTitle: 'Thank you. Your answers have been sent.',
	nextTitle: 'What happens next',
	nextReads: (org) =>
		`${org} reads every answer. People's answers are added together, so no one can tell what you said.`,
	nextPublish: (org) =>
		`${org} will publish what people said and what it did about it ("you said, we did"), and will ask again later to see whether things have got better.`,
	nextPublished: (org) =>
		`${org} publishes what people said and what it did about it ("you said, we did"), and will ask again later to see whether things have got better.`,
	youSaidLink: (org) => `See what ${org} changed because of what people said`,
	nextWorry: 'If you wrote something that worries you, or you need help now, talk to someone you trust.',

	problemPage: {
		notFoundTitle: 'Page not found',
		notFoundText: 'If you typed the web address, check it is correct.',
		notFoundLink:
			'If you followed a link to a survey, the survey may have moved or the link may be wrong. Ask the person who sent it to you for a new link.',
		refusedTitle: 'Sorry, this could not be done',
		unkept:
			'What was sent holds a character that cannot be kept (an invisible "null" character, often copied from another program). Remove it, or type the text again, and try again.',
		notAsked: 'These answers could not be kept: the form sent something this survey does not ask.',
		checkAgain: 'Go back to the page you were on, check what you entered, and try again.',
		waitTitle: 'Please wait before trying again',
		waitText: (minutes) =>
			`Too many tries from your connection. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
		waitWhy:
			'A limit on how much one connection may try or send keeps the survey safe from misuse. It applies only to your connection, and only for the time given.',
		failedTitle: 'Sorry, something went wrong',
		failedText:
			'Your answers have not been lost if you had already sent them. Please try again in a few minutes.',
		home: 'Go to the home page'
	},
	validation: ENGLISH_VALIDATION
};

export const pl: Messages = {
	lang: 'pl',
	dir: 'ltr',
	locale: 'pl',
	skipToMain: 'Przejdź do treści głównej',
	haveYourSay: 'Wyraź swoją opinię',
	previewBanner: 'Podgląd: odpowiedzi nie są zapisywane',
	footer:
		'Twoje odpowiedzi są anonimowe. Jeśli martwisz się o swoje bezpieczeństwo lub bezpieczeństwo innej osoby, w nagłym wypadku zadzwoń pod numer 999 albo bezpłatnie do Childline pod numer',
	error: 'Błąd:',
	problem: 'Wystąpił problem',
	optional: '(nieobowiązkowe)',
	chooseLanguage: 'Wybierz język',

	notOpenTitle: 'Ta ankieta nie jest jeszcze otwarta',
	notOpenText: (date) => `Ankieta zostanie otwarta ${date}. Prosimy wrócić w tym dniu.`,
	closedTitle: 'Ta ankieta jest już zamknięta',
	closedText: (date) =>
		`Ankieta została zamknięta ${date}, więc nie możemy przyjmować nowych odpowiedzi. Dziękujemy za chęć udziału.`,
	invitationOnlyTitle: 'Ta ankieta jest dla zaproszonych osób',
	invitationOnlyText: (org) =>
		`Odpowiedzieć mogą tylko osoby, którym wysłano link (${org}). Jeśli dostałeś lub dostałaś link, użyj go. Jeśli uważasz, że powinieneś lub powinnaś go dostać, skontaktuj się z: ${org}.`,
	contactNow: (org) =>
		`Jeśli chcesz teraz coś przekazać (${org}), skontaktuj się z lokalnym zespołem SEND lub z forum rodziców i opiekunów.`,
	missingTitle: 'Nie udało się znaleźć tych odpowiedzi',
	missingText:
		'Odpowiedzi są przechowywane przez 30 dni od ostatniej udzielonej odpowiedzi i przestają być przechowywane po ich wysłaniu. Zacznij od nowa poniżej albo wpisz swój kod, jeśli go masz.',
	pagesIntro: (pages, date) =>
		`Liczba krótkich stron: ${pages}. Potem jest strona, na której sprawdzisz odpowiedzi przed wysłaniem. Nie ma limitu czasu. Ankieta jest dostępna do ${date}.`,
	switchToStandard: 'Przełącz na wersję standardową',
	switchToEasy: 'Przełącz na wersję łatwą do czytania',
	beforeYouStart: 'Zanim zaczniesz',
	anonymousLead: 'Ankieta jest anonimowa.',
	anonymousText: 'Nie pytamy o imię i nazwisko. Prosimy nie wpisywać nazwisk w odpowiedziach.',
	whoReadsLead: 'Kto czyta odpowiedzi:',
	whoReadsText: (org) => `niewielki zespół w organizacji ${org}. Wszyscy inni widzą tylko sumy.`,
	actLead: 'Kiedy możemy musieć zareagować:',
	actText:
		'jeśli napiszesz nam, że dziecku lub innej osobie grozi krzywda, przeczyta to osoba odpowiedzialna za bezpieczeństwo i może być zobowiązana do działania.',
	helpLead: 'Jeśli potrzebujesz pomocy teraz:',
	helpText:
		'w nagłym wypadku zadzwoń pod numer 999. Dzieci i młodzież mogą bezpłatnie zadzwonić do Childline pod numer',
	easySafety: {
		anonymous: 'Nie musisz podawać swojego imienia. Nie pisz niczyjego imienia.',
		whoReads: (org) => `Twoje odpowiedzi czyta tylko kilka osób z ${org}.`,
		act: 'Jeśli napiszesz, że ktoś jest krzywdzony albo może zostać skrzywdzony, powiemy o tym osobie, która dba o bezpieczeństwo.',
		help: 'Jeśli potrzebujesz pomocy teraz, zadzwoń pod 999. Możesz też bezpłatnie zadzwonić do Childline pod numer'
	},
	morePrivacy: 'Więcej o Twojej prywatności',
	start: 'Rozpocznij ankietę',
	continueTitle: 'Dokończ rozpoczętą ankietę',
	yourCode: 'Twój kod',
	codeHint: 'Kod widoczny na każdej stronie ankiety, np. K7QP-2MXA-9RTW. Działa na każdym urządzeniu.',
	resumeEmpty: 'Wpisz otrzymany kod, np. K7QP-2MXA-9RTW.',
	resumeNotFound:
		'Nie znaleźliśmy odpowiedzi z tym kodem. Porównaj go z zapisanym kodem albo zacznij ankietę od nowa. ' +
		'Kody działają przez 30 dni od ostatniej odpowiedzi i przestają działać po wysłaniu odpowiedzi.',
	resumeTooMany: (time, minutes, org) =>
		`Wpisano zbyt wiele nieprawidłowych kodów, więc dla bezpieczeństwa odpowiedzi wszystkich kolejny kod można wpisać dopiero o ${time} (za ${minutes} min). Możesz teraz zacząć ankietę od nowa. Jeśli potrzebujesz pomocy, zapytaj: ${org}.`,
	continueMine: 'Kontynuuj moją ankietę',
	lockedText:
		'Aby Twoje odpowiedzi pozostały prywatne, ta strona nie pokazuje ich nikomu, kto zna tylko jej adres. Wpisz swój kod, aby kontynuować tam, gdzie przerwano, albo zacznij ankietę od nowa.',
	startAgain: 'Zacznij ankietę od nowa',

	pageOf: (n, total) => `Strona ${n} z ${total}`,
	whoAnswering: 'Kto odpowiada',
	whoFilling: 'Kto wypełnia tę ankietę?',
	assistance: {
		own: 'Odpowiadam samodzielnie',
		helped: 'Ktoś pomaga mi odpowiadać',
		on_behalf: 'Odpowiadam w imieniu innej osoby'
	},
	panelCode: 'Kod panelu',
	panelHint:
		'Jeśli przy poprzedniej ankiecie otrzymano kod panelu, wpisz go, abyśmy mogli zobaczyć, co się zmieniło. Nigdy nie jest on powiązany z Twoim nazwiskiem.',
	panelNew: 'Odpowiadam pierwszy raz: daj mi ten kod panelu',
	panelNewHint:
		'Zapisz ten kod. Jeśli zapytamy ponownie, wpisz go, abyśmy mogli zobaczyć, co się zmieniło. Możesz to pominąć.',
	aboutYou: 'O Tobie',
	aboutIntro:
		'Te pytania pomagają nam sprawdzić, czy słyszymy wszystkich. Możesz pominąć każde z nich albo wybrać „Prefer not to say” (wolę nie mówić).',
	notAnswered: 'Bez odpowiedzi',
	continue: 'Dalej',
	saveAndReturn: 'Zapisz i wróć do odpowiedzi',
	back: 'Wstecz',
	finishLaterTitle: 'Aby dokończyć później',
	finishLaterText: 'Aby dokończyć później na tym lub innym urządzeniu, zapisz ten kod:',
	finishLaterHow: 'Otwórz ankietę ponownie i wybierz „Dokończ rozpoczętą ankietę”. Kod działa przez 30 dni.',
	finishLaterNoCode:
		'Aby dokończyć później na tym lub innym urządzeniu, zapisz dotychczasowe odpowiedzi i zanotuj otrzymany kod. Odpowiedzi niezapisane ani niewysłane nie są przechowywane.',
	finishLaterSave: 'Zapisz moje odpowiedzi, aby dokończyć później',
	finishLaterSaved: 'Twoje dotychczasowe odpowiedzi są zapisane.',
	readAloud: 'Przeczytaj to pytanie na głos',
	answersAre: 'Odpowiedzi do wyboru:',
	upTo: (max) => `Maksymalnie ${max} znaków.`,
	saved: 'Twoje odpowiedzi są zapisane.',

	checkTitle: 'Sprawdź swoje odpowiedzi',
	checkIntro: 'Sprawdź odpowiedzi przed wysłaniem. Możesz zmienić każdą z nich.',
	answersDropped:
		'Ponieważ zmieniono wcześniejszą odpowiedź, te pytania nie są już zadawane. Odpowiedzi na nie zostały usunięte i nie zostaną wysłane:',
	change: 'Zmień',
	usedTitle: 'Ten link z zaproszeniem został już użyty',
	usedText: (org) =>
		`Odpowiedzi zostały już wysłane za pomocą linku, od którego zaczęto, a każdy link przyjmuje jeden zestaw odpowiedzi. Twoje odpowiedzi nie zostały wysłane. Poproś zespół, który wysłał link (${org}), o nowy.`,
	sendTitle: 'Teraz wyślij swoje odpowiedzi',
	sendText: (code) =>
		`Po wysłaniu Twoje odpowiedzi zostaną dodane do odpowiedzi innych osób. Nie będzie można ich już zmienić${code ? `, a Twój kod (${code}) przestanie działać` : ''}.`,
	send: 'Wyślij moje odpowiedzi',

	invitedBy: (org) => `${org} prosi Cię o wypełnienie tej ankiety.`,
	invitationIntro: (date) =>
		`Ten link służy do jednorazowego udzielenia odpowiedzi. Nie ma limitu czasu, a przed wysłaniem możesz sprawdzić swoje odpowiedzi. Możesz odpowiadać do ${date}.`,
	invitationUsedTitle: 'Ten link został już użyty',
	invitationUsedText: (org) =>
		`Ktoś już wysłał odpowiedzi za pomocą tego linku, a każdy link przyjmuje jeden zestaw odpowiedzi. Jeśli jeszcze nie udzielono przez Ciebie odpowiedzi albo link został Ci przekazany przez pomyłkę, skontaktuj się z zespołem, który go wysłał (${org}), a otrzymasz nowy.`,
	invitationOpenLink: 'Możesz też odpowiedzieć za pomocą ogólnego linku do ankiety:',
	invitationNotOpenText: (date) =>
		`Ankieta zostanie otwarta ${date}. Prosimy wrócić w tym dniu, z tym samym linkiem.`,

	thanksTitle: 'Dziękujemy. Twoje odpowiedzi zostały wysłane.',
	nextTitle: 'Co dalej',
	nextReads: (org) =>
		`${org} czyta każdą odpowiedź. Odpowiedzi są sumowane, więc nikt nie może się dowiedzieć, co zostało przez Ciebie napisane.`,
	nextPublish: (org) =>
		`${org} opublikuje, co powiedzieli ludzie i co w związku z tym zrobiono („you said, we did”), a później zapyta ponownie, aby sprawdzić, czy sytuacja się poprawiła.`,
	nextPublished: (org) =>
		`${org} publikuje, co powiedzieli ludzie i co w związku z tym zrobiono („you said, we did”), a później zapyta ponownie, aby sprawdzić, czy sytuacja się poprawiła.`,
	youSaidLink: (org) => `Zobacz, co ${org} zmienia dzięki temu, co powiedzieli ludzie`,
	nextWorry:
		'Jeśli napisano coś, co Cię niepokoi, albo potrzebujesz pomocy teraz, porozmawiaj z kimś, komu ufasz.',

	problemPage: {
		notFoundTitle: 'Nie znaleziono strony',
		notFoundText: 'Jeśli adres strony był wpisany ręcznie, sprawdź, czy jest poprawny.',
		notFoundLink:
			'Jeśli otwarto link do ankiety, ankieta mogła zostać przeniesiona albo link może być błędny. Poproś osobę, która go przysłała, o nowy link.',
		refusedTitle: 'Niestety nie udało się tego zrobić',
		unkept:
			'To, co zostało wysłane, zawiera znak, którego nie można zapisać (niewidoczny znak „null”, często skopiowany z innego programu). Usuń go albo wpisz tekst jeszcze raz i spróbuj ponownie.',
		notAsked: 'Nie udało się zapisać tych odpowiedzi: formularz wysłał coś, o co ta ankieta nie pyta.',
		checkAgain: 'Wróć do poprzedniej strony, sprawdź, co zostało wpisane, i spróbuj ponownie.',
		waitTitle: 'Zaczekaj, zanim spróbujesz ponownie',
		waitText: (minutes) => `Z Twojego połączenia było zbyt wiele prób. Spróbuj ponownie za ${minutes} min.`,
		waitWhy:
			'Limit tego, ile można wypróbować lub wysłać z jednego połączenia, chroni ankietę przed nadużyciami. Dotyczy tylko Twojego połączenia i tylko przez podany czas.',
		failedTitle: 'Niestety coś poszło nie tak',
		failedText: 'Jeśli odpowiedzi zostały już wysłane, nie zginęły. Spróbuj ponownie za kilka minut.',
		home: 'Przejdź do strony głównej'
	},
	validation: {
		required: 'Odpowiedz na to pytanie, aby przejść dalej.',
		choose: 'Wybierz jedną z podanych odpowiedzi.',
		chooseMany: 'Wybierz spośród podanych odpowiedzi.',
		number: (min, max) =>
			min !== null && max !== null ? `Wpisz liczbę od ${min} do ${max}.` : 'Wpisz liczbę, np. 5.',
		tooLong: (max, length) =>
			`Odpowiedź może mieć najwyżej ${max.toLocaleString('pl')} znaków. Ma ${length.toLocaleString('pl')}.`,
		panelCode: 'Kod panelu to 8 liter i cyfr, np. K7QP-2MXA. Jeśli go nie masz, zostaw to pole puste.',
		assistance: 'Wybierz, kto wypełnia tę ankietę.',
		unkeptCharacter:
			'Twoja odpowiedź zawiera znak, którego nie można zapisać (niewidoczny znak „null”, często skopiowany ' +
			'z innego programu). Usuń go albo wpisz odpowiedź jeszcze raz.'
	}
};

export const ur: Messages = {
	lang: 'ur',
	dir: 'rtl',
	locale: 'ur',
	skipToMain: 'مرکزی مواد پر جائیں',
	haveYourSay: 'اپنی رائے دیں',
	previewBanner: 'پیش منظر: جوابات محفوظ نہیں کیے جاتے',
	footer:
		'آپ کے جوابات گمنام ہیں۔ اگر آپ کو اپنی یا کسی اور کی حفاظت کے بارے میں فکر ہے تو ہنگامی صورت میں 999 پر کال کریں، یا چائلڈ لائن کو اس نمبر پر مفت کال کریں:',
	error: 'خرابی:',
	problem: 'ایک مسئلہ ہے',
	optional: '(اختیاری)',
	chooseLanguage: 'زبان منتخب کریں',

	notOpenTitle: 'یہ سروے ابھی کھلا نہیں ہے',
	notOpenText: (date) => `یہ ${date} کو کھلے گا۔ براہ کرم اس وقت دوبارہ آئیں۔`,
	closedTitle: 'یہ سروے بند ہو چکا ہے',
	closedText: (date) =>
		`یہ ${date} کو بند ہو گیا، اس لیے ہم نئے جوابات نہیں لے سکتے۔ حصہ لینے کی خواہش کا شکریہ۔`,
	invitationOnlyTitle: 'یہ سروے صرف مدعو کیے گئے لوگوں کے لیے ہے',
	invitationOnlyText: (org) =>
		`اس کا جواب صرف وہی لوگ دے سکتے ہیں جنہیں ${org} نے لنک بھیجا ہے۔ اگر آپ کو لنک بھیجا گیا ہے تو براہ کرم وہی لنک استعمال کریں۔ اگر آپ کے خیال میں آپ کو لنک ملنا چاہیے تھا تو ${org} سے رابطہ کریں۔`,
	contactNow: (org) =>
		`اگر آپ ابھی ${org} کو کچھ بتانا چاہتے ہیں تو اپنی مقامی SEND ٹیم یا والدین اور نگہداشت کرنے والوں کے فورم سے رابطہ کریں۔`,
	missingTitle: 'ہمیں وہ جوابات نہیں ملے',
	missingText:
		'جوابات آخری جواب کے بعد 30 دن تک رکھے جاتے ہیں، اور بھیجنے کے بعد نہیں رکھے جاتے۔ نیچے سے دوبارہ شروع کریں، یا اگر آپ کے پاس کوڈ ہے تو اسے درج کریں۔',
	pagesIntro: (pages, date) =>
		`اس سروے میں ${pages} مختصر صفحات ہیں، پھر ایک صفحہ جہاں آپ بھیجنے سے پہلے اپنے جوابات چیک کر سکتے ہیں۔ وقت کی کوئی حد نہیں ہے۔ آپ ${date} تک سروے کھول سکتے ہیں۔`,
	switchToStandard: 'معیاری ورژن پر جائیں',
	switchToEasy: 'آسان ورژن پر جائیں',
	beforeYouStart: 'شروع کرنے سے پہلے',
	anonymousLead: 'یہ گمنام ہے۔',
	anonymousText: 'ہم آپ کا نام نہیں پوچھتے۔ براہ کرم اپنے جوابات میں نام نہ لکھیں۔',
	whoReadsLead: 'آپ کے جوابات کون پڑھتا ہے:',
	whoReadsText: (org) => `${org} کی ایک چھوٹی ٹیم۔ باقی سب صرف مجموعی تعداد دیکھتے ہیں۔`,
	actLead: 'ہمیں کب کارروائی کرنی پڑ سکتی ہے:',
	actText:
		'اگر آپ ہمیں بتائیں کہ کسی بچے یا کسی اور کو نقصان کا خطرہ ہے، تو لوگوں کی حفاظت کا ذمہ دار شخص اسے پڑھے گا اور اسے کارروائی کرنی پڑ سکتی ہے۔',
	helpLead: 'اگر آپ کو ابھی مدد چاہیے:',
	helpText: 'ہنگامی صورت میں 999 پر کال کریں۔ بچے اور نوجوان چائلڈ لائن کو اس نمبر پر مفت کال کر سکتے ہیں:',
	easySafety: {
		anonymous: 'آپ کو اپنا نام بتانے کی ضرورت نہیں۔ کسی کا نام نہ لکھیں۔',
		whoReads: (org) => `${org} میں صرف چند لوگ آپ کے جوابات پڑھتے ہیں۔`,
		act: 'اگر آپ بتائیں کہ کسی کو تکلیف دی جا رہی ہے یا دی جا سکتی ہے، تو ہم اس شخص کو بتائیں گے جس کا کام لوگوں کو محفوظ رکھنا ہے۔',
		help: 'اگر آپ کو ابھی مدد چاہیے تو 999 پر کال کریں۔ آپ چائلڈ لائن کو اس نمبر پر مفت کال کر سکتے ہیں:'
	},
	morePrivacy: 'آپ کی رازداری کے بارے میں مزید',
	start: 'سروے شروع کریں',
	continueTitle: 'شروع کیا ہوا سروے جاری رکھیں',
	yourCode: 'آپ کا کوڈ',
	codeHint: 'سروے کے ہر صفحے پر دکھایا گیا کوڈ، جیسے K7QP-2MXA-9RTW۔ یہ کسی بھی ڈیوائس پر کام کرتا ہے۔',
	resumeEmpty: 'آپ کو دیا گیا کوڈ درج کریں، جیسے K7QP-2MXA-9RTW۔',
	resumeNotFound:
		'ہمیں اس کوڈ کے ساتھ جوابات نہیں ملے۔ اسے اپنے نوٹ کیے ہوئے کوڈ سے ملائیں، یا سروے دوبارہ شروع کریں۔ ' +
		'کوڈ آخری جواب کے بعد 30 دن تک کام کرتے ہیں، اور جوابات بھیجنے پر بند ہو جاتے ہیں۔',
	resumeTooMany: (time, minutes, org) =>
		`بہت سے غلط کوڈ آزمائے جا چکے ہیں، اس لیے سب کے جوابات محفوظ رکھنے کے لیے آپ ${time} تک (${minutes} منٹ میں) کوئی اور کوڈ نہیں آزما سکتے۔ آپ ابھی سروے دوبارہ شروع کر سکتے ہیں۔ اگر آپ کو مدد چاہیے تو ${org} سے پوچھیں۔`,
	continueMine: 'میرا سروے جاری رکھیں',
	lockedText:
		'آپ کے جوابات کو نجی رکھنے کے لیے، یہ صفحہ انہیں کسی ایسے شخص کو نہیں دکھاتا جس کے پاس صرف اس کا پتہ ہو۔ جہاں آپ نے چھوڑا تھا وہیں سے جاری رکھنے کے لیے اپنا کوڈ درج کریں، یا سروے دوبارہ شروع کریں۔',
	startAgain: 'سروے دوبارہ شروع کریں',

	pageOf: (n, total) => `صفحہ ${n} (کل ${total})`,
	whoAnswering: 'کون جواب دے رہا ہے',
	whoFilling: 'یہ سروے کون بھر رہا ہے؟',
	assistance: {
		own: 'میں خود جواب دے رہا/رہی ہوں',
		helped: 'کوئی جواب دینے میں میری مدد کر رہا ہے',
		on_behalf: 'میں کسی اور کی طرف سے جواب دے رہا/رہی ہوں'
	},
	panelCode: 'پینل کوڈ',
	panelHint:
		'اگر پچھلی بار جواب دیتے وقت آپ کو پینل کوڈ دیا گیا تھا تو اسے درج کریں تاکہ ہم دیکھ سکیں کہ آپ کے لیے کیا بدلا ہے۔ یہ کبھی آپ کے نام سے منسلک نہیں ہوتا۔',
	panelNew: 'میں پہلی بار جواب دے رہا/رہی ہوں: مجھے یہ پینل کوڈ دیں',
	panelNewHint:
		'یہ کوڈ لکھ لیں۔ اگر ہم دوبارہ پوچھیں تو اسے درج کریں تاکہ ہم دیکھ سکیں کہ آپ کے لیے کیا بدلا ہے۔ آپ اسے چھوڑ سکتے ہیں۔',
	aboutYou: 'آپ کے بارے میں',
	aboutIntro:
		'یہ سوالات ہمیں یہ جانچنے میں مدد دیتے ہیں کہ ہم سب کی بات سن رہے ہیں۔ آپ ان میں سے کوئی بھی چھوڑ سکتے ہیں، یا "Prefer not to say" (بتانا نہیں چاہتے) منتخب کر سکتے ہیں۔',
	notAnswered: 'جواب نہیں دیا',
	continue: 'جاری رکھیں',
	saveAndReturn: 'محفوظ کریں اور اپنے جوابات پر واپس جائیں',
	back: 'واپس',
	finishLaterTitle: 'بعد میں مکمل کرنے کے لیے',
	finishLaterText: 'اس یا کسی اور ڈیوائس پر بعد میں مکمل کرنے کے لیے یہ کوڈ نوٹ کر لیں:',
	finishLaterHow:
		'سروے دوبارہ کھولیں اور "شروع کیا ہوا سروے جاری رکھیں" منتخب کریں۔ کوڈ 30 دن تک کام کرتا ہے۔',
	finishLaterNoCode:
		'اس یا کسی اور ڈیوائس پر بعد میں مکمل کرنے کے لیے اب تک کے جوابات محفوظ کریں اور ملنے والا کوڈ نوٹ کر لیں۔ جو جوابات محفوظ یا بھیجے نہ گئے ہوں وہ نہیں رکھے جاتے۔',
	finishLaterSave: 'بعد میں مکمل کرنے کے لیے میرے جوابات محفوظ کریں',
	finishLaterSaved: 'آپ کے اب تک کے جوابات محفوظ ہو گئے ہیں۔',
	readAloud: 'یہ سوال بلند آواز سے پڑھیں',
	answersAre: 'جوابات یہ ہیں:',
	upTo: (max) => `زیادہ سے زیادہ ${max} حروف۔`,
	saved: 'آپ کے جوابات محفوظ ہو گئے ہیں۔',

	checkTitle: 'اپنے جوابات چیک کریں',
	checkIntro: 'بھیجنے سے پہلے اپنے جوابات چیک کریں۔ آپ ان میں سے کوئی بھی بدل سکتے ہیں۔',
	answersDropped:
		'چونکہ آپ نے پہلے کا ایک جواب بدلا ہے، یہ سوالات اب نہیں پوچھے جاتے۔ ان کے جوابات ہٹا دیے گئے ہیں اور بھیجے نہیں جائیں گے:',
	change: 'بدلیں',
	usedTitle: 'یہ دعوتی لنک پہلے ہی استعمال ہو چکا ہے',
	usedText: (org) =>
		`جس لنک سے آپ نے شروع کیا تھا اس سے جوابات پہلے ہی بھیجے جا چکے ہیں، اور ہر لنک صرف ایک بار جوابات لیتا ہے۔ آپ کے جوابات نہیں بھیجے گئے۔ نئے لنک کے لیے ${org} کی اس ٹیم سے رابطہ کریں جس نے لنک بھیجا تھا۔`,
	sendTitle: 'اب اپنے جوابات بھیجیں',
	sendText: (code) =>
		`جب آپ اپنے جوابات بھیجیں گے تو وہ باقی سب کے جوابات میں شامل ہو جائیں گے۔ اس کے بعد آپ انہیں بدل نہیں سکیں گے${code ? `، اور آپ کا کوڈ (${code}) کام کرنا بند کر دے گا` : ''}۔`,
	send: 'میرے جوابات بھیجیں',

	invitedBy: (org) => `${org} نے آپ سے یہ سروے مکمل کرنے کی درخواست کی ہے۔`,
	invitationIntro: (date) =>
		`یہ لنک صرف ایک بار جوابات دینے کے لیے ہے۔ وقت کی کوئی حد نہیں ہے، اور بھیجنے سے پہلے آپ اپنے جوابات چیک کر سکتے ہیں۔ آپ ${date} تک جواب دے سکتے ہیں۔`,
	invitationUsedTitle: 'یہ لنک پہلے ہی استعمال ہو چکا ہے',
	invitationUsedText: (org) =>
		`اس لنک سے کوئی پہلے ہی جوابات بھیج چکا ہے، اور ہر لنک صرف ایک بار جوابات لیتا ہے۔ اگر آپ نے ابھی جواب نہیں دیا، یا لنک غلطی سے آپ کو بھیجا گیا تھا، تو ${org} کی اس ٹیم سے رابطہ کریں جس نے اسے بھیجا تھا، وہ آپ کو نیا لنک بھیج سکتی ہے۔`,
	invitationOpenLink: 'آپ سروے کے عام لنک سے بھی جواب دے سکتے ہیں:',
	invitationNotOpenText: (date) => `یہ ${date} کو کھلے گا۔ براہ کرم اس وقت اسی لنک کے ساتھ دوبارہ آئیں۔`,

	thanksTitle: 'شکریہ۔ آپ کے جوابات بھیج دیے گئے ہیں۔',
	nextTitle: 'آگے کیا ہوگا',
	nextReads: (org) =>
		`${org} ہر جواب پڑھتا ہے۔ سب لوگوں کے جوابات ملا کر دیکھے جاتے ہیں، اس لیے کوئی نہیں جان سکتا کہ آپ نے کیا کہا۔`,
	nextPublish: (org) =>
		`${org} شائع کرے گا کہ لوگوں نے کیا کہا اور اس نے اس کے بارے میں کیا کیا ("you said, we did")، اور بعد میں دوبارہ پوچھے گا کہ کیا حالات بہتر ہوئے ہیں۔`,
	nextPublished: (org) =>
		`${org} شائع کرتا ہے کہ لوگوں نے کیا کہا اور اس نے اس کے بارے میں کیا کیا ("you said, we did")، اور بعد میں دوبارہ پوچھے گا کہ کیا حالات بہتر ہوئے ہیں۔`,
	youSaidLink: (org) => `دیکھیں کہ ${org} نے لوگوں کی باتوں کی وجہ سے کیا بدلا`,
	nextWorry:
		'اگر آپ نے کچھ ایسا لکھا ہے جو آپ کو پریشان کرتا ہے، یا آپ کو ابھی مدد چاہیے، تو کسی ایسے شخص سے بات کریں جس پر آپ بھروسہ کرتے ہیں۔',

	problemPage: {
		notFoundTitle: 'صفحہ نہیں ملا',
		notFoundText: 'اگر آپ نے ویب ایڈریس خود لکھا ہے تو چیک کریں کہ یہ درست ہے۔',
		notFoundLink:
			'اگر آپ کسی سروے کے لنک سے یہاں آئے ہیں تو ہو سکتا ہے سروے منتقل ہو گیا ہو یا لنک غلط ہو۔ جس شخص نے آپ کو لنک بھیجا تھا اس سے نیا لنک مانگیں۔',
		refusedTitle: 'معذرت، یہ نہیں ہو سکا',
		unkept:
			'جو بھیجا گیا اس میں ایک ایسا حرف ہے جسے محفوظ نہیں کیا جا سکتا (ایک نظر نہ آنے والا "null" حرف، جو اکثر کسی دوسرے پروگرام سے کاپی ہو کر آتا ہے)۔ اسے ہٹا دیں، یا متن دوبارہ لکھیں، اور دوبارہ کوشش کریں۔',
		notAsked: 'یہ جوابات محفوظ نہیں کیے جا سکے: فارم نے کچھ ایسا بھیجا جو یہ سروے نہیں پوچھتا۔',
		checkAgain: 'جس صفحے پر آپ تھے اس پر واپس جائیں، جو آپ نے درج کیا اسے چیک کریں، اور دوبارہ کوشش کریں۔',
		waitTitle: 'دوبارہ کوشش کرنے سے پہلے براہ کرم انتظار کریں',
		waitText: (minutes) =>
			`آپ کے کنکشن سے بہت زیادہ کوششیں ہوئی ہیں۔ براہ کرم ${minutes} منٹ بعد دوبارہ کوشش کریں۔`,
		waitWhy:
			'ایک کنکشن سے کتنی کوششیں کی جا سکتی ہیں یا کتنا کچھ بھیجا جا سکتا ہے، اس کی حد سروے کو غلط استعمال سے محفوظ رکھتی ہے۔ یہ صرف آپ کے کنکشن پر، اور صرف دیے گئے وقت کے لیے لاگو ہوتی ہے۔',
		failedTitle: 'معذرت، کچھ غلط ہو گیا',
		failedText:
			'اگر آپ اپنے جوابات پہلے ہی بھیج چکے تھے تو وہ ضائع نہیں ہوئے۔ براہ کرم چند منٹ بعد دوبارہ کوشش کریں۔',
		home: 'ہوم پیج پر جائیں'
	},
	validation: {
		required: 'آگے بڑھنے کے لیے اس سوال کا جواب دیں۔',
		choose: 'دیے گئے جوابات میں سے ایک منتخب کریں۔',
		chooseMany: 'دیے گئے جوابات میں سے منتخب کریں۔',
		number: (min, max) =>
			min !== null && max !== null ? `${min} سے ${max} تک کوئی عدد درج کریں۔` : 'کوئی عدد درج کریں، جیسے 5۔',
		tooLong: (max, length) => `اپنا جواب ${max} حروف یا اس سے کم رکھیں۔ اس میں ${length} حروف ہیں۔`,
		panelCode:
			'پینل کوڈ 8 حروف اور اعداد کا ہوتا ہے، جیسے K7QP-2MXA۔ اگر آپ کے پاس نہیں ہے تو اسے خالی چھوڑ دیں۔',
		assistance: 'منتخب کریں کہ یہ سروے کون بھر رہا ہے۔',
		unkeptCharacter:
			'آپ کے جواب میں ایک ایسا حرف ہے جسے محفوظ نہیں کیا جا سکتا (ایک نظر نہ آنے والا "null" حرف، جو اکثر کسی ' +
			'دوسرے پروگرام سے کاپی ہو کر آتا ہے)۔ اسے ہٹا دیں، یا اپنا جواب دوبارہ لکھیں۔'
	}
};

/** "in n minutes" in Arabic: one, two, three to ten, and eleven or more take different forms. */
function arabicMinutes(n: number): string {
	if (n === 1) return 'دقيقة واحدة';
	if (n === 2) return 'دقيقتين';
	if (n >= 3 && n <= 10) return `${n} دقائق`;
	return `${n} دقيقة`;
}

/** Arabic, with the digits used in England (0800 1111, K7QP-2MXA) rather than Eastern Arabic ones. */
const AR_LOCALE = 'ar-u-nu-latn';

export const ar: Messages = {
	lang: 'ar',
	dir: 'rtl',
	locale: AR_LOCALE,
	skipToMain: 'انتقل إلى المحتوى الرئيسي',
	haveYourSay: 'شارك برأيك',
	previewBanner: 'معاينة: لا يتم حفظ الإجابات',
	footer:
		'إجاباتك مجهولة الهوية. إذا كنت قلقًا على سلامتك أو سلامة شخص آخر، فاتصل بالرقم 999 في حالات الطوارئ، أو اتصل بخط Childline مجانًا على الرقم',
	error: 'خطأ:',
	problem: 'هناك مشكلة',
	optional: '(اختياري)',
	chooseLanguage: 'اختر لغة',

	notOpenTitle: 'هذا الاستبيان غير مفتوح بعد',
	notOpenText: (date) => `سيُفتح في ${date}. يُرجى العودة حينها.`,
	closedTitle: 'أُغلق هذا الاستبيان',
	closedText: (date) => `أُغلق في ${date}، لذا لا يمكننا استقبال إجابات جديدة. شكرًا لرغبتك في المشاركة.`,
	invitationOnlyTitle: 'هذا الاستبيان مخصّص للأشخاص المدعوّين',
	invitationOnlyText: (org) =>
		`لا يمكن الإجابة عنه إلا للأشخاص الذين أرسلت إليهم ${org} رابطًا. إذا أُرسل إليك رابط، فيُرجى استخدامه. وإذا كنت تعتقد أنه كان يجب أن يصلك رابط، فتواصل مع ${org}.`,
	contactNow: (org) =>
		`إذا كنت تريد إخبار ${org} بشيء الآن، فتواصل مع فريق SEND المحلي أو مع منتدى أولياء الأمور ومقدّمي الرعاية.`,
	missingTitle: 'لم نتمكن من العثور على تلك الإجابات',
	missingText:
		'تُحفظ الإجابات لمدة 30 يومًا بعد آخر إجابة، ولا تُحفظ بعد إرسالها. ابدأ من جديد أدناه، أو أدخل الرمز الخاص بك إن كان لديك رمز.',
	pagesIntro: (pages, date) =>
		`عدد الصفحات القصيرة: ${pages}، ثم صفحة لمراجعة إجاباتك قبل إرسالها. لا يوجد حد زمني. يمكنك فتح الاستبيان حتى ${date}.`,
	switchToStandard: 'الانتقال إلى النسخة العادية',
	switchToEasy: 'الانتقال إلى النسخة سهلة القراءة',
	beforeYouStart: 'قبل أن تبدأ',
	anonymousLead: 'الاستبيان مجهول الهوية.',
	anonymousText: 'لا نسأل عن اسمك. يُرجى عدم كتابة أي أسماء في إجاباتك.',
	whoReadsLead: 'من يقرأ إجاباتك:',
	whoReadsText: (org) => `فريق صغير في ${org}. أما الآخرون فلا يرون إلا المجاميع.`,
	actLead: 'متى قد نضطر إلى التصرّف:',
	actText:
		'إذا أخبرتنا أن طفلًا أو شخصًا آخر معرّض لخطر الأذى، فسيقرأ ذلك الشخصُ المسؤول عن حماية الناس، وقد يحتاج إلى التصرّف.',
	helpLead: 'إذا كنت بحاجة إلى مساعدة الآن:',
	helpText: 'في حالات الطوارئ اتصل بالرقم 999. ويمكن للأطفال والشباب الاتصال بخط Childline مجانًا على الرقم',
	easySafety: {
		anonymous: 'لا تحتاج أن تخبرنا باسمك. لا تكتب اسم أي شخص.',
		whoReads: (org) => `عدد قليل فقط من الناس في ${org} يقرؤون إجاباتك.`,
		act: 'إذا أخبرتنا أن أحدًا يتأذى أو قد يتأذى، سنخبر الشخص الذي عمله حماية الناس.',
		help: 'إذا احتجت مساعدة الآن، اتصل بالرقم 999. ويمكنك الاتصال بخط Childline مجانًا على الرقم'
	},
	morePrivacy: 'المزيد عن خصوصيتك',
	start: 'ابدأ الاستبيان',
	continueTitle: 'تابع استبيانًا بدأته',
	yourCode: 'الرمز الخاص بك',
	codeHint: 'الرمز الظاهر في كل صفحة من صفحات الاستبيان، مثل K7QP-2MXA-9RTW. يعمل على أي جهاز.',
	resumeEmpty: 'أدخل الرمز الذي حصلت عليه، مثل K7QP-2MXA-9RTW.',
	resumeNotFound:
		'لم نجد إجابات بهذا الرمز. قارنه بالرمز الذي دوّنته، أو ابدأ الاستبيان من جديد. ' +
		'تعمل الرموز لمدة 30 يومًا بعد آخر إجابة، وتتوقف عن العمل عند إرسال الإجابات.',
	resumeTooMany: (time, minutes, org) =>
		`جُرّبت رموز كثيرة غير مطابقة، لذلك وحفاظًا على إجابات الجميع لا يمكنك تجربة رمز آخر حتى الساعة ${time} (بعد ${arabicMinutes(minutes)}). يمكنك بدلًا من ذلك بدء الاستبيان من جديد الآن. إذا كنت بحاجة إلى مساعدة، فاسأل ${org}.`,
	continueMine: 'تابع استبياني',
	lockedText:
		'للحفاظ على خصوصية إجاباتك، لا تعرضها هذه الصفحة لمن يعرف عنوانها فقط. أدخل الرمز الخاص بك لتتابع من حيث توقفت، أو ابدأ الاستبيان من جديد.',
	startAgain: 'ابدأ الاستبيان من جديد',

	pageOf: (n, total) => `الصفحة ${n} من ${total}`,
	whoAnswering: 'من يجيب',
	whoFilling: 'من يملأ هذا الاستبيان؟',
	assistance: {
		own: 'أجيب بنفسي',
		helped: 'يساعدني شخص ما في الإجابة',
		on_behalf: 'أجيب نيابةً عن شخص آخر'
	},
	panelCode: 'رمز المتابعة',
	panelHint:
		'إذا حصلت على رمز متابعة عندما أجبت من قبل، فأدخله لنتمكن من معرفة ما تغيّر بالنسبة لك. لا يرتبط هذا الرمز باسمك أبدًا.',
	panelNew: 'هذه أول مرة أجيب فيها: أعطوني رمز المتابعة هذا',
	panelNewHint:
		'دوّن هذا الرمز. إذا سألناك مرة أخرى، فأدخله لنتمكن من معرفة ما تغيّر بالنسبة لك. يمكنك تخطي ذلك.',
	aboutYou: 'معلومات عنك',
	aboutIntro:
		'تساعدنا هذه الأسئلة على التأكد من أننا نسمع من الجميع. يمكنك تخطي أي منها، أو اختيار "Prefer not to say" (أفضّل عدم الإجابة).',
	notAnswered: 'لم تتم الإجابة',
	continue: 'متابعة',
	saveAndReturn: 'احفظ وارجع إلى إجاباتك',
	back: 'رجوع',
	finishLaterTitle: 'لإكمال الاستبيان لاحقًا',
	finishLaterText: 'لإكمال الاستبيان لاحقًا على هذا الجهاز أو على جهاز آخر، دوّن هذا الرمز:',
	finishLaterHow: 'افتح الاستبيان مرة أخرى واختر "تابع استبيانًا بدأته". يعمل الرمز لمدة 30 يومًا.',
	finishLaterNoCode:
		'لإكمال الاستبيان لاحقًا على هذا الجهاز أو على جهاز آخر، احفظ إجاباتك حتى الآن ودوّن الرمز الذي ستحصل عليه. الإجابات التي لم تُحفظ أو تُرسل لا يُحتفظ بها.',
	finishLaterSave: 'احفظ إجاباتي لأكمل لاحقًا',
	finishLaterSaved: 'تم حفظ إجاباتك حتى الآن.',
	readAloud: 'اقرأ هذا السؤال بصوت عالٍ',
	answersAre: 'الإجابات هي:',
	upTo: (max) => `بحد أقصى ${max} من الأحرف.`,
	saved: 'تم حفظ إجاباتك.',

	checkTitle: 'راجع إجاباتك',
	checkIntro: 'راجع إجاباتك قبل إرسالها. يمكنك تغيير أي منها.',
	answersDropped: 'لأنك غيّرت إجابة سابقة، لم تعد هذه الأسئلة مطروحة. حُذفت إجاباتك عنها ولن تُرسل:',
	change: 'تغيير',
	usedTitle: 'استُخدم رابط الدعوة هذا من قبل',
	usedText: (org) =>
		`أُرسلت إجابات بالفعل من خلال الرابط الذي بدأت منه، وكل رابط يقبل مجموعة واحدة من الإجابات. لم تُرسَل إجاباتك. تواصل مع الفريق في ${org} الذي أرسل الرابط للحصول على رابط جديد.`,
	sendTitle: 'أرسل إجاباتك الآن',
	sendText: (code) =>
		`عند إرسال إجاباتك، ستُضاف إلى إجابات الآخرين. لن تتمكن من تغييرها بعد ذلك${code ? `، وسيتوقف الرمز الخاص بك (${code}) عن العمل` : ''}.`,
	send: 'أرسل إجاباتي',

	invitedBy: (org) => `طلب منك ${org} الإجابة عن هذا الاستبيان.`,
	invitationIntro: (date) =>
		`هذا الرابط لمجموعة واحدة من الإجابات. لا يوجد حد زمني، ويمكنك مراجعة إجاباتك قبل إرسالها. يمكنك الإجابة حتى ${date}.`,
	invitationUsedTitle: 'استُخدم هذا الرابط من قبل',
	invitationUsedText: (org) =>
		`أرسل شخص ما إجابات بالفعل من خلال هذا الرابط، وكل رابط يقبل مجموعة واحدة من الإجابات. إذا لم تكن قد أجبت بعد، أو وصلك الرابط عن طريق الخطأ، فتواصل مع الفريق في ${org} الذي أرسله، ويمكنه أن يرسل إليك رابطًا جديدًا.`,
	invitationOpenLink: 'يمكنك أيضًا الإجابة عن الاستبيان من خلال رابطه العام:',
	invitationNotOpenText: (date) => `سيُفتح في ${date}. يُرجى العودة حينها باستخدام هذا الرابط.`,

	thanksTitle: 'شكرًا لك. أُرسلت إجاباتك.',
	nextTitle: 'ماذا سيحدث بعد ذلك',
	nextReads: (org) => `يقرأ ${org} كل إجابة. تُجمع إجابات الناس معًا، لذا لا يمكن لأحد أن يعرف ما قلته أنت.`,
	nextPublish: (org) =>
		`سينشر ${org} ما قاله الناس وما فعله حياله ("you said, we did")، وسيسأل مرة أخرى لاحقًا لمعرفة ما إذا كانت الأمور قد تحسّنت.`,
	nextPublished: (org) =>
		`ينشر ${org} ما قاله الناس وما فعله حياله ("you said, we did")، وسيسأل مرة أخرى لاحقًا لمعرفة ما إذا كانت الأمور قد تحسّنت.`,
	youSaidLink: (org) => `اطّلع على ما غيّره ${org} بناءً على ما قاله الناس`,
	nextWorry: 'إذا كتبت شيئًا يقلقك، أو كنت بحاجة إلى مساعدة الآن، فتحدّث إلى شخص تثق به.',

	problemPage: {
		notFoundTitle: 'الصفحة غير موجودة',
		notFoundText: 'إذا كتبت عنوان الصفحة بنفسك، فتحقق من أنه صحيح.',
		notFoundLink:
			'إذا وصلت عبر رابط إلى استبيان، فربما نُقل الاستبيان أو كان الرابط خاطئًا. اطلب رابطًا جديدًا من الشخص الذي أرسله إليك.',
		refusedTitle: 'عذرًا، تعذّر القيام بذلك',
		unkept:
			'يحتوي ما أُرسل على حرف لا يمكن حفظه (حرف "null" غير مرئي، يُنسخ غالبًا من برنامج آخر). احذفه أو اكتب النص من جديد، ثم حاول مرة أخرى.',
		notAsked: 'تعذّر حفظ هذه الإجابات: أرسل النموذج شيئًا لا يسأل عنه هذا الاستبيان.',
		checkAgain: 'ارجع إلى الصفحة التي كنت فيها، وتحقق مما أدخلته، ثم حاول مرة أخرى.',
		waitTitle: 'يُرجى الانتظار قبل المحاولة مرة أخرى',
		waitText: (minutes) =>
			`جرت محاولات كثيرة جدًا من اتصالك. يُرجى المحاولة مرة أخرى بعد ${arabicMinutes(minutes)}.`,
		waitWhy:
			'يحمي حدٌّ لما يمكن تجربته أو إرساله من اتصال واحد الاستبيانَ من إساءة الاستخدام. ينطبق هذا الحد على اتصالك فقط، وللمدة المذكورة فقط.',
		failedTitle: 'عذرًا، حدث خطأ ما',
		failedText: 'إذا كنت قد أرسلت إجاباتك بالفعل، فهي لم تضع. يُرجى المحاولة مرة أخرى بعد بضع دقائق.',
		home: 'الذهاب إلى الصفحة الرئيسية'
	},
	validation: {
		required: 'أجب عن هذا السؤال للمتابعة.',
		choose: 'اختر إحدى الإجابات المعروضة.',
		chooseMany: 'اختر من بين الإجابات المعروضة.',
		number: (min, max) =>
			min !== null && max !== null ? `أدخل رقمًا من ${min} إلى ${max}.` : 'أدخل رقمًا، مثل 5.',
		tooLong: (max, length) =>
			`يجب ألا تزيد إجابتك على ${max.toLocaleString(AR_LOCALE)} من الأحرف. عدد أحرفها الآن ${length.toLocaleString(AR_LOCALE)}.`,
		panelCode: 'يتكون رمز المتابعة من 8 أحرف وأرقام، مثل K7QP-2MXA. اترك الحقل فارغًا إذا لم يكن لديك رمز.',
		assistance: 'اختر من يملأ هذا الاستبيان.',
		unkeptCharacter:
			'تحتوي إجابتك على حرف لا يمكن حفظه (حرف "null" غير مرئي، يُنسخ غالبًا من برنامج آخر). ' +
			'احذفه أو اكتب إجابتك من جديد.'
	}
};

/** A catalogue that may leave strings out (they are shown in English). */
export type PartialMessages = Partial<Omit<Messages, 'validation' | 'assistance' | 'problemPage'>> & {
	validation?: Partial<ValidationMessages>;
	assistance?: Partial<Messages['assistance']>;
	problemPage?: Partial<ProblemPageMessages>;
};

/** The shipped catalogues by language subtag: each complete (see Messages), so checked as such. */
export const CATALOGUES: Record<string, PartialMessages> = { en, pl, ur, ar } satisfies Record<
	string,
	Messages
>;

/** A catalogue completed with English for any string it leaves out. */
export function withFallback(partial: PartialMessages): Messages {
	return {
		...en,
		...partial,
		assistance: { ...en.assistance, ...partial.assistance },
		problemPage: { ...en.problemPage, ...partial.problemPage },
		validation: { ...en.validation, ...partial.validation }
	};
}

/**
 * The interface words for a language code (pl, pa-IN): its own catalogue, else its language
 * subtag's, else English.
 */
export function messagesFor(code: string | null | undefined): Messages {
	if (!code) return en;
	const own = CATALOGUES[code] ?? CATALOGUES[code.split('-')[0]!.toLowerCase()];
	if (!own || own === en) return en;
	// one completed catalogue per language, so that what is built from it (a survey's schema) is kept
	let done = completed.get(own);
	if (!done) {
		done = withFallback(own);
		completed.set(own, done);
	}
	return done;
}

const completed = new Map<PartialMessages, Messages>();

/** A date as a London calendar day, in the language's words: "3 March 2026", "3 marca 2026". */
export function formatDateIn(m: Messages, iso: string | Date): string {
	const date = iso instanceof Date ? iso : new Date(iso);
	let format = dateFormats.get(m.locale);
	if (!format) {
		// made once a locale: making one costs more than the rest of the welcome page
		format = new Intl.DateTimeFormat(m.locale, {
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'Europe/London'
		});
		dateFormats.set(m.locale, format);
	}
	return format.format(date);
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A whole number in the catalogue's locale: 1,000 (the formatter made once a locale). */
export function formatNumberIn(m: Messages, n: number): string {
	let format = numberFormats.get(m.locale);
	if (!format) {
		format = new Intl.NumberFormat(m.locale);
		numberFormats.set(m.locale, format);
	}
	return format.format(n);
}
const numberFormats = new Map<string, Intl.NumberFormat>();
