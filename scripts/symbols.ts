/**
 * Copies the curated set of OpenMoji symbols the survey builder offers into the app.
 *
 *   npx tsx scripts/symbols.ts <path to an unpacked openmoji package>
 *
 * for example, outside the project:
 *
 *   mkdir -p /tmp/om && cd /tmp/om && npm pack openmoji@17 && tar xzf openmoji-17.0.0.tgz
 *   npx tsx scripts/symbols.ts /tmp/om/package
 *
 * It reads `data/openmoji.json` and `color/svg/<hexcode>.svg` from that package, copies the SVG of
 * each symbol named in SYMBOLS below to `static/symbols/openmoji/<hexcode>.svg` (removing any other
 * SVG there), and writes the index `src/lib/symbols/openmoji.json` ([{ id, name, tags }]) that
 * `src/lib/symbols/index.ts` searches. It downloads nothing. OpenMoji is licensed CC BY-SA 4.0; see
 * `static/symbols/LICENSE.md`. To offer another symbol, add its OpenMoji annotation (its name) to
 * SYMBOLS and run the script again.
 */
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Symbols useful in SEND surveys for children, young people and families, by OpenMoji annotation. */
// prettier-ignore
export const SYMBOLS: Record<string, string[]> = {
	faces: [
		'grinning face', 'grinning face with big eyes', 'beaming face with smiling eyes', 'slightly smiling face',
		'smiling face with smiling eyes', 'smiling face with heart-eyes', 'neutral face', 'expressionless face',
		'face without mouth', 'thinking face', 'confused face', 'worried face', 'slightly frowning face',
		'frowning face', 'crying face', 'loudly crying face', 'angry face', 'fearful face',
		'anxious face with sweat', 'face screaming in fear', 'tired face', 'weary face', 'sleepy face',
		'sleeping face', 'face with thermometer', 'nauseated face', 'smiling face with open hands', 'relieved face',
		'pensive face', 'disappointed face', 'persevering face', 'astonished face', 'flushed face',
		'face with rolling eyes', 'zipper-mouth face', 'shushing face', 'partying face', 'star-struck',
		'winking face', 'upside-down face', 'grimacing face', 'lying face', 'exploding head'
	],
	people: [
		'baby', 'child', 'boy', 'girl', 'person', 'man', 'woman', 'older person', 'family', 'people holding hands',
		'family: man, woman, boy', 'family: woman, girl', 'family: man, boy', 'busts in silhouette',
		'bust in silhouette', 'speaking head', 'person raising hand', 'person gesturing OK', 'person gesturing NO',
		'person shrugging', 'person in manual wheelchair', 'person with white cane', 'deaf person',
		'health worker', 'teacher', 'student', 'judge', 'office worker', 'police officer', 'cook',
		'pregnant woman', 'people hugging'
	],
	hands: [
		'thumbs up', 'thumbs down', 'waving hand', 'raised hand', 'clapping hands', 'folded hands', 'handshake',
		'OK hand', 'victory hand', 'index pointing up', 'writing hand', 'flexed biceps', 'ear', 'eye', 'eyes',
		'brain', 'mouth', 'ear with hearing aid'
	],
	school: [
		'school', 'books', 'open book', 'notebook', 'pencil', 'crayon', 'backpack', 'graduation cap', 'scissors',
		'straight ruler', 'abacus', 'laptop', 'desktop computer', 'memo', 'clipboard', 'bookmark tabs',
		'artist palette', 'microscope', 'globe showing Europe-Africa', 'light bulb'
	],
	travel: [
		'bus', 'oncoming bus', 'minibus', 'automobile', 'taxi', 'bicycle', 'train', 'tram',
		'ambulance', 'manual wheelchair', 'motorized wheelchair', 'wheelchair symbol', 'person walking',
		'motor scooter', 'airplane', 'bus stop', 'vertical traffic light', 'motorway', 'world map', 'footprints'
	],
	health: [
		'hospital', 'pill', 'syringe', 'stethoscope', 'adhesive bandage', 'thermometer', 'tooth', 'crutch',
		'white cane', 'drop of blood', 'anatomical heart', 'mechanical arm', 'mechanical leg', 'bed', 'toilet',
		'soap', 'glasses'
	],
	home: [
		'house', 'house with garden', 'houses', 'office building', 'department store', 'church', 'door', 'key',
		'couch and lamp', 'bathtub', 'shower', 'television', 'mobile phone', 'telephone receiver', 'envelope',
		'e-mail', 'speech balloon', 'thought balloon', 'left speech bubble', 'right anger bubble', 'megaphone',
		'bell', 'loudspeaker', 'speaker high volume', 'muted speaker', 'pound banknote', 'money bag', 'shopping cart',
		'package', 'locked', 'unlocked', 'magnifying glass tilted left', 'link', 'pushpin'
	],
	food: [
		'red apple', 'banana', 'grapes', 'carrot', 'bread', 'cheese wedge', 'pizza', 'hamburger', 'french fries',
		'sandwich', 'green salad', 'steaming bowl', 'spaghetti', 'ice cream', 'birthday cake', 'cookie',
		'baby bottle', 'glass of milk', 'hot beverage', 'cup with straw', 'fork and knife', 'potable water'
	],
	play: [
		'soccer ball', 'basketball', 'tennis', 'ping pong', 'person swimming', 'person playing handball',
		'video game', 'puzzle piece', 'teddy bear', 'kite', 'balloon', 'party popper', 'wrapped gift', 'musical note',
		'musical notes', 'guitar', 'drum', 'headphone', 'performing arts', 'film frames', 'camera', 'dog face',
		'cat face', 'horse face', 'deciduous tree', 'sunflower', 'playground slide', 'yo-yo', 'trophy', '1st place medal'
	],
	time: [
		'calendar', 'spiral calendar', 'tear-off calendar', 'alarm clock', 'mantelpiece clock', 'hourglass done',
		'stopwatch', 'watch', 'three o’clock', 'sunrise', 'night with stars', 'crescent moon'
	],
	answers: [
		'check mark button', 'check mark', 'cross mark', 'cross mark button', 'red question mark', 'white question mark',
		'red exclamation mark', 'no entry', 'prohibited', 'stop sign', 'warning', 'information', 'SOS button',
		'OK button', 'NEW button', 'FREE button', 'up arrow', 'down arrow', 'right arrow', 'left arrow',
		'clockwise vertical arrows', 'plus', 'minus', 'heavy equals sign', 'hundred points'
	],
	numbers: [
		'keycap: 0', 'keycap: 1', 'keycap: 2', 'keycap: 3', 'keycap: 4', 'keycap: 5', 'keycap: 6', 'keycap: 7',
		'keycap: 8', 'keycap: 9', 'keycap: 10'
	],
	hearts: [
		'red heart', 'orange heart', 'yellow heart', 'green heart', 'blue heart', 'purple heart', 'broken heart',
		'sparkling heart', 'growing heart', 'heart with ribbon', 'star', 'glowing star', 'sparkles', 'shooting star'
	],
	weather: [
		'sun', 'sun behind cloud', 'cloud', 'cloud with rain', 'cloud with lightning and rain', 'umbrella with rain drops',
		'snowflake', 'snowman', 'rainbow', 'high voltage', 'fire', 'droplet', 'water wave', 'tornado', 'fog'
	]
};

export type SymbolEntry = { id: string; name: string; tags: string[] };

type OpenMoji = {
	hexcode: string;
	annotation: string;
	tags: string;
	openmoji_tags: string;
	skintone: string;
};

const words = (s: string) =>
	s
		.split(',')
		.map((t) => t.trim().toLowerCase())
		.filter(Boolean);

export async function extract(packageDir: string, projectDir: string): Promise<SymbolEntry[]> {
	const data = JSON.parse(readFileSync(join(packageDir, 'data', 'openmoji.json'), 'utf8')) as OpenMoji[];
	const byName = new Map<string, OpenMoji>();
	for (const e of data) if (!e.skintone && !byName.has(e.annotation)) byName.set(e.annotation, e);
	const out: SymbolEntry[] = [];
	const missing: string[] = [];
	for (const [group, names] of Object.entries(SYMBOLS)) {
		for (const name of names) {
			const e = byName.get(name);
			if (!e) {
				missing.push(name);
				continue;
			}
			if (out.some((o) => o.id === e.hexcode)) continue;
			const tags = [...new Set([...words(e.tags), ...words(e.openmoji_tags), group])].filter(
				(t) => t !== e.annotation.toLowerCase()
			);
			out.push({ id: e.hexcode, name: e.annotation, tags });
		}
	}
	if (missing.length) throw new Error(`Not in this OpenMoji package: ${missing.join('; ')}`);

	const svgDir = join(projectDir, 'static', 'symbols', 'openmoji');
	mkdirSync(svgDir, { recursive: true });
	const keep = new Set(out.map((o) => `${o.id}.svg`));
	for (const f of readdirSync(svgDir)) if (!keep.has(f)) rmSync(join(svgDir, f));
	for (const o of out) {
		const from = join(packageDir, 'color', 'svg', `${o.id}.svg`);
		if (!existsSync(from)) throw new Error(`No colour SVG for ${o.id} (${o.name})`);
		copyFileSync(from, join(svgDir, `${o.id}.svg`));
	}
	const index = join(projectDir, 'src', 'lib', 'symbols', 'openmoji.json');
	mkdirSync(dirname(index), { recursive: true });
	// formatted as the project's Prettier would, so that `npm run lint` passes
	const prettier = await import('prettier');
	const options = (await prettier.resolveConfig(index)) ?? {};
	writeFileSync(index, await prettier.format(JSON.stringify(out), { ...options, filepath: index }));
	return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const packageDir = process.argv[2];
	if (!packageDir || !existsSync(join(packageDir, 'data', 'openmoji.json'))) {
		console.error('Give the path of an unpacked openmoji package (the folder holding data/openmoji.json).');
		process.exit(1);
	}
	const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
	const out = await extract(resolve(packageDir), projectDir);
	console.log(
		`Copied ${out.length} OpenMoji symbols to static/symbols/openmoji and wrote src/lib/symbols/openmoji.json.`
	);
}
