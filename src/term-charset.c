/*
 * term-charset.c: the character sets that a saved cursor keeps. DECSC
 * (ESC 7) and the alternate screen's save (modes 1048 and 1049) keep the
 * designations of G0 to G3, the set shifted into GL and a single shift
 * waiting, as xterm does; DECRC (ESC 8) and leaving those modes bring
 * them back. libvterm 0.1.4 saves only the cursor and the pen, so a
 * program that draws lines with the DEC special graphics set, saves the
 * cursor, goes back to ASCII and restores got plain letters.
 *
 * The guard (term-guard.c) sees every byte libvterm parses: it tells this
 * file about designations and shifts, so that what libvterm holds is
 * known here, and after a restore writes the sequences this file makes,
 * which set libvterm's character sets back to the saved ones.
 */
#include "config.h"

#include <string.h>

#include "tterm.h"

/* The sets after a reset: UTF-8 in G0 to G3 (0 here), G0 in GL. */
void
term_charset_reset(struct term_charsets *cs)
{
	memset(cs, 0, sizeof *cs);
}

/*
 * An ESC sequence libvterm acts on: its intermediates (ninter of them,
 * the first inter) and final byte. Only the sets libvterm 0.1.4 knows
 * ('0' DEC special graphics, 'A' British, 'B' ASCII) change a designation,
 * as in libvterm.
 */
void
term_charset_escape(struct term_charsets *cs, u_int ninter, u_char inter,
    u_char final)
{
	if (ninter == 1 && inter >= '(' && inter <= '+') {
		/* ASCII reads ASCII as UTF-8, the default, does. */
		if (final == 'B')
			cs->cur.g[inter - '('] = 0;
		else if (final == '0' || final == 'A')
			cs->cur.g[inter - '('] = final;
		return;
	}
	if (ninter != 0)
		return;
	switch (final) {
	case '7':			/* DECSC */
		term_charset_save(cs);
		break;
	case 'N':			/* SS2 */
	case 'O':			/* SS3 */
		cs->cur.ss = final == 'N' ? 2 : 3;
		break;
	case 'n':			/* LS2 */
	case 'o':			/* LS3 */
		cs->cur.gl = final == 'n' ? 2 : 3;
		break;
	case 'c':			/* RIS: the saved sets go too */
		term_charset_reset(cs);
		break;
	}
}

/*
 * A byte of text: SO and SI shift G1 or G0 into GL; a character (not a
 * control) uses up a single shift.
 */
void
term_charset_text(struct term_charsets *cs, u_char c)
{
	if (c == 0x0e || c == 0x0f)
		cs->cur.gl = c == 0x0e ? 1 : 0;
	else if (c >= 0x20 && c != 0x7f)
		cs->cur.ss = 0;
}

/* The cursor is saved: so are the sets. */
void
term_charset_save(struct term_charsets *cs)
{
	cs->saved = cs->cur;
}

/*
 * The cursor was restored: write into buf (of len bytes, 32 are enough)
 * what brings libvterm's sets back to the saved ones, and return its
 * length. Only what differs is written; a single shift saved waiting is
 * made again (one that came after the save cannot be taken back, but a
 * character uses it up at once).
 */
size_t
term_charset_restore(struct term_charsets *cs, char *buf, size_t len)
{
	static const char	*gl[] = { "\017", "\016", "\033n", "\033o" };
	struct term_charset	*cur = &cs->cur, *saved = &cs->saved;
	size_t			 n = 0, k;
	u_int			 i;
	u_char			 ss = cur->ss;

	if (len < 32)
		return (0);
	for (i = 0; i < 4; i++) {
		if (cur->g[i] == saved->g[i])
			continue;
		buf[n++] = '\033';
		buf[n++] = '(' + i;
		buf[n++] = saved->g[i] == 0 ? 'B' : saved->g[i];
	}
	if (cur->gl != saved->gl) {
		k = strlen(gl[saved->gl & 3]);
		memcpy(buf + n, gl[saved->gl & 3], k);
		n += k;
	}
	if (saved->ss != 0 && cur->ss != saved->ss) {
		buf[n++] = '\033';
		buf[n++] = saved->ss == 2 ? 'N' : 'O';
	}
	*cur = *saved;
	if (saved->ss == 0)
		cur->ss = ss;
	return (n);
}
