/** How long a flag has waited, in words: minutes, then hours, then days. */
export function waited(minutes: number): string {
	if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
	return `${Math.floor(hours / 24)} days`;
}
