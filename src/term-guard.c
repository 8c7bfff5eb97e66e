/*
 * term-guard.c: what libvterm must not see. libvterm 0.1.4 (Debian 12's)
 * stores the arguments of a control sequence (CSI) without a bound: a peer
 * sending ESC [ 7 followed by a few dozen ':' or ';' writes past its array
 * of 16 and corrupts tterm's memory. Arguments after the 16th are dropped
 * here, before libvterm parses the bytes; terminals ignore them anyway.
 *
 * It also notes when a program sets a scroll region (term.c resets it on
 * a resize: libvterm 0.1.4 crashes scrolling a region left off the screen).
 *
 * Only what follows an ESC is looked at (text goes through with one memchr),
 * and the state carries over between reads, so a sequence split between
 * two reads is guarded the same.
 */
#include "config.h"

#include <string.h>

#include "tterm.h"

#define GUARD_SEPS	15	/* separators of 16 arguments */

enum {
	GUARD_TEXT,		/* ground state */
	GUARD_ESC,		/* after ESC */
	GUARD_CSI,		/* in ESC [ ... */
	GUARD_DROP		/* in a CSI past its last argument */
};

/* Whether c ends a CSI, or leaves it for good (CAN, SUB). */
static int
term_guard_ends(u_char c)
{
	return ((c >= 0x40 && c <= 0x7e) || c == 0x18 || c == 0x1a);
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

/* Past the parameter bytes (digits, ';', ':', '<' to '?') at p. */
static const char *
term_guard_skip(const char *p, const char *end)
{
	while (p < end && (u_char)*p >= 0x30 && (u_char)*p <= 0x3f)
		p++;
	return (p);
}

/*
 * The next span of buf for libvterm: *keep bytes from buf are to be parsed;
 * the return value says how many were used up (keep and those dropped after
 * them). Call again with the rest until it is all used up.
 */
size_t
term_guard_span(struct term_guard *g, const char *buf, size_t len,
    size_t *keep)
{
	const char	*p = buf, *end = buf + len, *e;
	u_char		 c;

	while (p < end) {
		c = (u_char)*p;
		switch (g->state) {
		case GUARD_TEXT:
			if ((e = memchr(p, 0x1b, end - p)) == NULL) {
				p = end;
				continue;
			}
			p = e;
			g->state = GUARD_ESC;
			break;
		case GUARD_ESC:
			if (c == '[') {
				g->state = GUARD_CSI;
				g->seps = 0;
			} else if (c >= 0x20)
				g->state = GUARD_TEXT;
			/* C0 controls run inside a sequence; ESC restarts. */
			break;
		case GUARD_CSI:
			if ((c == ';' || c == ':') && ++g->seps > GUARD_SEPS) {
				g->state = GUARD_DROP;
				*keep = p - buf;
				return (term_guard_skip(p, end) - buf);
			}
			if (c == 0x1b)
				g->state = GUARD_ESC;
			else if (term_guard_ends(c)) {
				if (c == 'r')
					g->region = 1;	/* DECSTBM */
				g->state = GUARD_TEXT;
			}
			break;
		case GUARD_DROP:
			if (c >= 0x30 && c <= 0x3f) {
				*keep = p - buf;
				return (term_guard_skip(p, end) - buf);
			}
			if (c == 0x1b)
				g->state = GUARD_ESC;
			else if (term_guard_ends(c))
				g->state = GUARD_TEXT;
			break;
		}
		p++;
	}
	*keep = len;
	return (len);
}
