/*
 * term-guard.c: what libvterm must not see. libvterm 0.1.4 (Debian 12's)
 * has two faults a peer can reach with a few bytes:
 *
 * - It stores the arguments of a control sequence (CSI) without a bound:
 *   ESC [ 7 followed by a few dozen ':' or ';' writes past its array of 16
 *   and corrupts tterm's memory. Arguments after the 16th are dropped here;
 *   terminals ignore them anyway.
 * - A C1 control written in UTF-8 (U+0080 to U+009F, bytes C2 80 to C2 9F)
 *   is taken for a character of width -1: the cursor goes one column back,
 *   to column -1 from the first one or after a full line. libvterm's UTF-8
 *   decoder sees only bytes from 0x80 and keeps its state across ASCII
 *   text, controls and escape sequences, so the guard follows it too: the byte that would complete such a character
 *   is dropped, and the C2 before it shows as U+FFFD (the 7-bit forms of
 *   C1 controls, ESC and a letter, are the ones programs use).
 *
 * - REP (ESC [ n b) repeats the last character printed by moving on by its
 *   width: with none printed yet, or a lone combining character (width 0),
 *   libvterm loops for ever. term.c tells the guard the width of the last
 *   character; a REP with nothing to repeat is cancelled (CAN).
 *
 * It also notes when a program sets a scroll region: term.c ends it on a
 * resize (libvterm 0.1.4 crashes scrolling a region left off the screen).
 *
 * Text is looked at with memchr (for ESC and C2) only; sequences and
 * strings byte by byte. The state carries over between reads, so that a
 * sequence or a character cut between two reads is guarded the same.
 */
#include "config.h"

#include <string.h>

#include "tterm.h"

#define GUARD_SEPS	15	/* separators of 16 arguments */
#define GUARD_REP	-2	/* term_guard_byte(): a REP's final byte */

enum {
	GUARD_TEXT,		/* ground state */
	GUARD_ESC,		/* after ESC */
	GUARD_CSI,		/* in ESC [ ... */
	GUARD_DROP,		/* in a CSI past its last argument */
	GUARD_STR		/* in an OSC, DCS, APC, PM or SOS string */
};

/* Whether c ends a CSI, or leaves it for good (CAN, SUB). */
static int
term_guard_ends(u_char c)
{
	return ((c >= 0x40 && c <= 0x7e) || c == 0x18 || c == 0x1a);
}

/* Whether c is a parameter byte (digits, ';', ':', '<' to '?'). */
static int
term_guard_param(u_char c)
{
	return (c >= 0x30 && c <= 0x3f);
}

/* A sequence's byte: the state after it, or -1 to drop it. */
static int
term_guard_byte(struct term_guard *g, u_char c)
{
	switch (g->state) {
	case GUARD_ESC:
		if (c == '[') {
			g->seps = 0;
			g->plain = 1;
			return (GUARD_CSI);
		}
		if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X')
			return (GUARD_STR);
		/* Intermediates (0x20 to 0x2f) go on with the sequence (and
		 * libvterm 0.1.4 takes a '[' after them for a CSI); C0
		 * controls run inside it; ESC starts again. */
		if ((c >= 0x30 && c != 0x7f) || c == 0x18 || c == 0x1a)
			return (GUARD_TEXT);
		return (GUARD_ESC);
	case GUARD_STR:
		if (c == 0x1b)
			return (GUARD_ESC);	/* ST is ESC \ */
		if (c == 0x07 || c == 0x18 || c == 0x1a)
			return (GUARD_TEXT);
		return (GUARD_STR);
	case GUARD_CSI:
		if ((c == ';' || c == ':') && ++g->seps > GUARD_SEPS) {
			g->state = GUARD_DROP;
			return (-1);
		}
		if ((c >= 0x3c && c <= 0x3f) || (c >= 0x20 && c <= 0x2f))
			g->plain = 0;	/* a leader or an intermediate */
		if (c == 'b' && g->plain)
			return (GUARD_REP);
		break;
	case GUARD_DROP:
		if (term_guard_param(c))
			return (-1);
		break;
	}
	if (c == 0x1b)
		return (GUARD_ESC);
	if (term_guard_ends(c)) {
		if (c == 'r')
			g->region = 1;	/* DECSTBM */
		return (GUARD_TEXT);
	}
	return (g->state);
}

/*
 * A byte at or above 0x80: 0 if it would finish a C2 as a C1 control in
 * libvterm's UTF-8 decoder, and must be dropped (the C2 stays unfinished,
 * and shows as U+FFFD). In text every byte moves the decoder on. Inside a
 * sequence or string it is not known whether libvterm decodes the byte,
 * so a C2 there is taken as pending, and a pending one is never taken as
 * finished: at worst a byte is dropped that was harmless.
 */
static int
term_guard_utf8(struct term_guard *g, u_char c, int text)
{
	if (g->u8c2 && c <= 0x9f)
		return (g->state == GUARD_STR);
	if (c == 0xc2)
		g->u8c2 = 1;
	else if (text && c >= 0xa0 && c <= 0xbf)
		g->u8c2 = 0;	/* it finished the C2 as a character */
	/* Other lead bytes are not taken to end a C2 (libvterm did not
	 * always: C2 CR 1 E6 CR 9C made a C1), nor are FE and FF. */
	return (1);
}

/*
 * Feed len bytes of buf through the guard: out() gets what libvterm may
 * parse, in order, in one or more pieces.
 */
void
term_guard_feed(struct term_guard *g, const char *buf, size_t len,
    term_guard_out out, void *arg)
{
	const char	*p = buf, *end = buf + len, *from = buf, *esc = NULL;
	const char	*c2;
	u_char		 c;
	int		 st, keep;

	while (p < end) {
		c = (u_char)*p;
		if (g->state == GUARD_TEXT && !g->u8c2) {
			/* Text: on to the next ESC or C2 at memchr's speed
			 * (no other byte can make a C1 control). */
			if ((esc == NULL || esc < p) &&
			    (esc = memchr(p, 0x1b, end - p)) == NULL)
				esc = end;
			if ((c2 = memchr(p, 0xc2, esc - p)) != NULL) {
				g->u8c2 = 1;
				p = c2 + 1;
			} else if ((p = esc) < end) {
				g->state = GUARD_ESC;
				p++;
			}
			continue;
		}
		keep = 1;
		if (c >= 0x80)
			keep = term_guard_utf8(g, c, g->state == GUARD_TEXT);
		else if (g->state == GUARD_TEXT) {
			/* Below 0x80 libvterm's decoder is not even called:
			 * a C2 waits across ASCII text and controls too. */
			if (c == 0x1b)
				g->state = GUARD_ESC;
		} else if ((st = term_guard_byte(g, c)) == -1)
			keep = 0;
		else if (st == GUARD_REP) {
			/* libvterm takes what comes before, then the guard
			 * knows the last character's width. */
			if (p > from)
				out(from, p - from, arg);
			from = p;
			if (!g->rep_ok) {
				out("\030", 1, arg);
				keep = 0;
			}
			g->state = GUARD_TEXT;
		} else
			g->state = st;
		if (!keep) {
			if (p > from)
				out(from, p - from, arg);
			from = p + 1;
		}
		p++;
	}
	if (p > from)
		out(from, p - from, arg);
}

/*
 * libvterm's parser was made to leave any sequence it was in (tterm wrote
 * a sequence of its own to it): text again, and no region.
 */
void
term_guard_reset(struct term_guard *g)
{
	g->state = GUARD_TEXT;
	g->region = 0;
}
