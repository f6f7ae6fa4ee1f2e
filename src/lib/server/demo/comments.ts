/**
 * Free-text answers for the demo: made up, anonymised (no names of people, schools or places),
 * in the voice families and young people use in real SEND surveys. Each comment says who could
 * plausibly have written it, so a comment about college never comes from the parent of a
 * five-year-old.
 */

import type { Profile } from './population';
import type { Random } from './random';

export type Tone = 'negative' | 'mixed' | 'positive';

export interface Comment {
	text: string;
	tone: Tone;
	/** Only from respondents whose profile has one of these values. */
	when?: Partial<Record<keyof Profile, string[]>>;
	/** Only in a repeat wave: it speaks of a change since last time. */
	repeatOnly?: boolean;
}

export const PARENT_COMMENTS: Comment[] = [
	{
		tone: 'negative',
		text: 'It took months to get any answer from the SEND team. Emails went unanswered and when I rang nobody could tell me who our caseworker was.'
	},
	{
		tone: 'negative',
		text: 'The plan was finalised well past the 20 weeks and by then my son had missed most of a term.'
	},
	{
		tone: 'negative',
		text: 'I had to chase every single step. It felt like the process only moved when I complained.'
	},
	{
		tone: 'negative',
		text: 'We had three different caseworkers in a year. Each time we had to explain everything again from the start.'
	},
	{
		tone: 'negative',
		text: 'The draft plan was full of general wording that could have been about any child. It did not sound like my daughter at all.'
	},
	{
		tone: 'negative',
		text: 'Reports from the speech and language therapist were left out of the plan completely.'
	},
	{
		tone: 'negative',
		text: 'Nobody explained what would happen next or how long it would take. A simple timeline would have made a huge difference.'
	},
	{
		tone: 'negative',
		text: 'The outcomes in the plan are so vague that nobody can tell whether she is making progress.'
	},
	{
		tone: 'negative',
		text: 'I was told a decision had been made at panel but never told why, or what information they looked at.'
	},
	{
		tone: 'negative',
		text: 'We were sent the final plan without the changes we asked for at the draft stage, and with no explanation.'
	},
	{
		tone: 'negative',
		text: "The provision section says 'access to' support instead of how much and who will provide it, so school reads it however suits them."
	},
	{
		tone: 'negative',
		text: 'Communication was only ever by letter, and the letters usually arrived after the deadline to respond.'
	},
	{
		tone: 'negative',
		text: 'I felt like a nuisance for asking questions. Parents should not have to become experts in the law to get help for their child.'
	},
	{
		tone: 'negative',
		text: 'The annual review happened but the amended plan took seven months to come back, by which time it was out of date again.'
	},
	{
		tone: 'negative',
		text: "Our annual review was cancelled twice by school and then didn't happen at all this year.",
		when: { support: ['ehcp'] }
	},
	{ tone: 'negative', text: 'His views were written in by someone who had never met him.' },
	{
		tone: 'negative',
		text: 'I had to go to mediation to get the health provision written in properly. It should not take that.'
	},
	{
		tone: 'negative',
		text: 'There is no one to talk to. The phone line rings out and the inbox sends an automatic reply saying they will respond in 20 working days.'
	},
	{
		tone: 'negative',
		text: "I don't think anyone read the reports I sent in. The same mistakes from the first draft were still in the final plan."
	},
	{
		tone: 'negative',
		text: 'English is not my first language and nobody offered an interpreter at the meetings. I did not understand what I was agreeing to.'
	},
	{
		tone: 'negative',
		text: "We were told a special school place was agreed, then told it wasn't, then told to wait for the next panel. The uncertainty was awful for him.",
		when: { phase: ['primary', 'secondary'] }
	},
	{
		tone: 'negative',
		text: 'The plan names a school that has already said it cannot meet his needs.',
		when: { phase: ['primary', 'secondary'] }
	},
	{
		tone: 'negative',
		text: 'Occupational therapy is in the plan but she has not had a single session since it was finalised.'
	},
	{
		tone: 'negative',
		text: "We were refused an assessment because school said he was 'coping', but he comes home and falls apart every day.",
		when: { support: ['sen_support', 'not_sure', 'none'] }
	},
	{
		tone: 'negative',
		text: 'School say they are waiting for the council and the council say it is up to school. Nobody takes responsibility for the support she needs.',
		when: { support: ['sen_support', 'assessment', 'not_sure'] }
	},
	{
		tone: 'negative',
		text: 'We were turned down for an assessment and only found out from school, not from the SEND team.',
		when: { support: ['sen_support', 'none'] }
	},
	{
		tone: 'negative',
		text: 'We are at week 26 of the assessment and still have no draft plan.',
		when: { support: ['assessment'] }
	},
	{
		tone: 'negative',
		text: 'The educational psychologist saw her for 40 minutes over a video call. It did not capture what she is like in a classroom.',
		when: { support: ['assessment', 'ehcp'] }
	},
	{
		tone: 'negative',
		text: 'There is nothing in his plan about what happens after college. We are worried sick about what happens at 19.',
		when: { phase: ['post_16'] }
	},
	{
		tone: 'negative',
		text: "Finding a post-16 place that can meet her needs has been a nightmare. The only option offered was an hour's drive away.",
		when: { phase: ['post_16'] }
	},
	{
		tone: 'negative',
		text: 'Preparing for adulthood was one line at the bottom of the review. Nobody asked my son what he wanted for his future.',
		when: { phase: ['post_16', 'secondary'] }
	},
	{
		tone: 'negative',
		text: 'The college course does not match what is in his plan, and there is no support for the days he is not in college.',
		when: { phase: ['post_16'] }
	},
	{
		tone: 'negative',
		text: 'We ended up home educating because there was no suitable place. The plan still names a school he has not attended for a year.',
		when: { setting: ['home_educated', 'not_in_education'] }
	},
	{
		tone: 'negative',
		text: 'Getting help before school was so hard. The nursery did their best, but we waited over a year for an assessment.',
		when: { phase: ['early_years'] }
	},
	{
		tone: 'negative',
		text: 'She has been out of school for most of this year while we wait. Two hours of tuition a week is not an education.',
		when: { setting: ['not_in_education', 'alternative', 'home_educated'] }
	},
	{
		tone: 'mixed',
		text: 'Our caseworker was lovely and tried hard, but you can tell they have far too many families to look after.'
	},
	{
		tone: 'mixed',
		text: "The meeting itself was good and I felt listened to, but the draft plan didn't reflect what we had agreed."
	},
	{
		tone: 'mixed',
		text: 'School have been brilliant. The council side of things has been slow and confusing.'
	},
	{
		tone: 'mixed',
		text: 'The plan is better than it was, but it still took far too long and we had to push for everything.'
	},
	{
		tone: 'mixed',
		text: 'Once we had a named caseworker things improved, but the first few months were very hard.'
	},
	{ tone: 'mixed', text: 'The health and care sections are thin compared with the education section.' },
	{
		tone: 'mixed',
		text: "The adviser from the SEND information and advice service helped me understand the draft. Without them I'd have been lost."
	},
	{
		tone: 'mixed',
		text: 'The outcomes are clearer now, but we are still waiting for the speech and language sessions to start.'
	},
	{
		tone: 'mixed',
		text: 'The special school is right for him, but it took two years of fighting to get the place.',
		when: { setting: ['special'] }
	},
	{
		tone: 'mixed',
		text: 'The SEND team were helpful once I got through to them. Getting through was the hard part.'
	},
	{
		tone: 'mixed',
		text: "We got there in the end, but only because I knew which questions to ask. Other families won't."
	},
	{
		tone: 'mixed',
		text: 'The plan itself is fine. Getting school to actually deliver it is another matter.'
	},
	{
		tone: 'mixed',
		text: 'Some parts of the plan are spot on; others were copied from the last one and are out of date.'
	},
	{
		tone: 'mixed',
		text: 'The speech and language section is excellent, but there is nothing about his anxiety, which is his biggest barrier.'
	},
	{
		tone: 'mixed',
		text: 'I was kept informed, but the letters are full of jargon and I had to look up half the words.'
	},
	{
		tone: 'mixed',
		text: 'Staff were kind, but every meeting felt rushed and we never saw the paperwork beforehand.'
	},
	{ tone: 'mixed', text: 'Better than our first plan, but the outcomes could still be more specific.' },
	{
		tone: 'mixed',
		text: 'The review meeting was good; the paperwork afterwards took months.',
		when: { support: ['ehcp'] }
	},
	{
		tone: 'mixed',
		text: "College have been great at getting to know her, but the plan didn't arrive until after she had started.",
		when: { phase: ['post_16'] }
	},
	{
		tone: 'mixed',
		text: 'Our new caseworker is much better, but the old backlog still caught up with us.',
		repeatOnly: true
	},
	{
		tone: 'mixed',
		text: 'Communication has improved since last year, but we still waited well over 20 weeks.',
		repeatOnly: true
	},
	{
		tone: 'positive',
		text: 'I was really nervous about the process, but everyone was patient with me and explained things in plain English.'
	},
	{
		tone: 'positive',
		text: 'The interpreter at our meeting made all the difference. For the first time I understood everything that was said.'
	},
	{
		tone: 'positive',
		text: 'We were offered a meeting at a time that worked around my shifts, which I really appreciated.'
	},
	{
		tone: 'positive',
		text: 'Our caseworker kept in touch every couple of weeks and always rang back. It made a stressful time much easier.'
	},
	{
		tone: 'positive',
		text: 'For the first time the plan felt like it was written about my child, using his own words about what matters to him.'
	},
	{
		tone: 'positive',
		text: 'The planning meeting was really well run. Everyone who works with my daughter was in the room and we agreed the outcomes together.'
	},
	{
		tone: 'positive',
		text: 'The plan was finished on time and school had the extra support in place by the start of term.'
	},
	{
		tone: 'positive',
		text: 'Thank you to the SEND team. They listened, explained each step and were honest about how long things would take.'
	},
	{
		tone: 'positive',
		text: 'The one-page profile at the front of the plan is brilliant. Every new member of staff reads it.'
	},
	{
		tone: 'positive',
		text: 'This time the annual review was on time and the amended plan came back within a few weeks. Much better than before.',
		repeatOnly: true,
		when: { support: ['ehcp'] }
	},
	{
		tone: 'positive',
		text: 'The text message updates telling us where we were in the process really helped.',
		repeatOnly: true
	},
	{
		tone: 'positive',
		text: 'Things feel like they are getting better. We knew who our caseworker was from the start and they had read the reports.',
		repeatOnly: true
	},
	{
		tone: 'positive',
		text: 'The draft plan used our words from the parent contribution. That never happened last time.',
		repeatOnly: true
	},
	{
		tone: 'mixed',
		text: 'Still some delays, but the SEND team now answer the phone and that alone has made a big difference.',
		repeatOnly: true
	},
	{
		tone: 'positive',
		text: 'The drop-in sessions run with the Parent Carer Forum helped me understand the draft plan before the meeting.',
		repeatOnly: true
	}
];

export const YOUNG_PEOPLE_COMMENTS: Comment[] = [
	{ tone: 'negative', text: 'More time to finish my work.' },
	{ tone: 'negative', text: 'A quiet room when it gets too loud.' },
	{ tone: 'negative', text: 'Teachers to know about my plan.' },
	{ tone: 'negative', text: 'Someone to talk to when I am sad.' },
	{ tone: 'negative', text: 'Stop people being mean to me at break.' },
	{ tone: 'negative', text: 'Let me wear my ear defenders in class.' },
	{ tone: 'negative', text: 'Help with reading.' },
	{ tone: 'negative', text: 'Not having to change classrooms so much.', when: { phase: ['secondary'] } },
	{ tone: 'negative', text: 'Teachers to explain things more slowly.' },
	{ tone: 'negative', text: 'More help at lunchtime.' },
	{ tone: 'negative', text: 'Ask me what I think before they decide.' },
	{ tone: 'negative', text: 'The same teaching assistant every day.' },
	{ tone: 'negative', text: 'Being able to take a break without asking.' },
	{ tone: 'negative', text: 'People to use my communication book.' },
	{ tone: 'negative', text: 'Help to find a job after college.', when: { phase: ['post_16'] } },
	{ tone: 'negative', text: 'Learning to get the bus on my own.', when: { phase: ['post_16', 'secondary'] } },
	{ tone: 'mixed', text: 'School is okay but the corridors are too busy.' },
	{ tone: 'mixed', text: 'I like my friends but lessons are hard.' },
	{ tone: 'mixed', text: 'Sometimes they listen, sometimes they do not.' },
	{
		tone: 'mixed',
		text: 'College is better than school was, but I still get lost.',
		when: { phase: ['post_16'] }
	},
	{ tone: 'mixed', text: 'Some teachers are nice. Some shout.' },
	{ tone: 'mixed', text: 'I like art. Maths is too hard.' },
	{ tone: 'mixed', text: 'My helper is good but she is not there on Fridays.' },
	{ tone: 'mixed', text: 'Break time is fun but lunch is too noisy.' },
	{ tone: 'positive', text: 'Nothing, I like my school.' },
	{ tone: 'positive', text: 'My teacher is kind and helps me.' },
	{ tone: 'positive', text: 'I like the sensory room.' },
	{ tone: 'positive', text: 'More trips! The last one was great.' },
	{ tone: 'positive', text: 'Keep my helper.' },
	{
		tone: 'positive',
		text: 'I like being on the school council.',
		when: { phase: ['primary', 'secondary'] }
	},
	{ tone: 'positive', text: 'Forest school every week.', when: { phase: ['primary'] } }
];

function fits(comment: Comment, profile: Profile, repeat: boolean): boolean {
	if (comment.repeatOnly && !repeat) return false;
	for (const [dimension, values] of Object.entries(comment.when ?? {})) {
		const value = profile[dimension as keyof Profile];
		if (value === null || !values.includes(value)) return false;
	}
	return true;
}

/**
 * Hands out comments so that the same words come round as seldom as possible: the least used
 * comment that fits, ties broken at random.
 */
export class CommentBox {
	readonly #comments: Comment[];
	readonly #used = new Map<Comment, number>();
	readonly #rng: Random;

	constructor(comments: Comment[], rng: Random) {
		this.#comments = comments;
		this.#rng = rng;
	}

	take(tone: Tone, profile: Profile, repeat: boolean): string | null {
		const fitting = this.#comments.filter((c) => c.tone === tone && fits(c, profile, repeat));
		if (fitting.length === 0) return null;
		const fewest = Math.min(...fitting.map((c) => this.#used.get(c) ?? 0));
		const chosen = this.#rng.pick(fitting.filter((c) => (this.#used.get(c) ?? 0) === fewest));
		this.#used.set(chosen, fewest + 1);
		return chosen.text;
	}
}
