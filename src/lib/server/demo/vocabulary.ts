/** Answer scales, strategy priorities and the areas of the demo local areas (data/vocabulary.json). */
import { DEMO_DATA } from './data';

export type ScaleKind = 'agreement_5' | 'faces_3' | 'yes_no_unsure';
export type QuestionKind = ScaleKind | 'free_text';

export interface OptionDef {
	value: string;
	label: string;
	easyReadLabel: string;
	symbol?: string;
	isPositive: boolean;
}

export const SCALES: Record<ScaleKind, OptionDef[]> = DEMO_DATA.vocabulary.scales;

/**
 * Northbridge's five strategy priorities: Barnsley's SEND Strategy 2020-22 priorities ("Our
 * Priorities" in the Barnsley engagement and participation strategy), spelling corrected.
 */
export const NORTHBRIDGE_PRIORITIES = DEMO_DATA.vocabulary.priorities['northbridge'] ?? [];

export const EASTMOOR_PRIORITIES = DEMO_DATA.vocabulary.priorities['eastmoor'] ?? [];

/** Northbridge's own categories for the standard 'area' dimension. */
export const NORTHBRIDGE_AREAS = DEMO_DATA.vocabulary.areas['northbridge'] ?? [];
