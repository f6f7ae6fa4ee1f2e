import { describe, expect, it } from 'vitest';
import { newPanelCode } from '../../src/lib/server/respondent/panel-code';

describe('newPanelCode', () => {
	it('makes codes the database accepts, without characters that are easily misread', () => {
		for (let i = 0; i < 500; i++) {
			const code = newPanelCode();
			expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
			expect(code).not.toMatch(/[01ILOUV]/);
		}
	});

	it('makes a different code each time', () => {
		const codes = new Set(Array.from({ length: 1000 }, newPanelCode));
		expect(codes.size).toBe(1000);
	});
});
