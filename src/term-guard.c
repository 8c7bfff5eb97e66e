/*
 * term-guard.c: what libvterm must not see. libvterm 0.1.4 (Debian 12's)
 * has faults a peer can reach with a few bytes:
 *
 * - It stores the arguments of a control sequence (CSI) without a bound:
 *   ESC [ 7 followed by a few dozen ':' or ';' writes past its array of 16
 *   and corrupts tterm's memory. Arguments after the 16th are dropped here;
 *   terminals ignore them anyway.
 * - A C1 control written in UTF-8 (U+0080 to U+009F, bytes C2 80 to C2 9F)
 *   is taken for a character of width -1: the cursor goes one column back,
 *   to column -1 from the first one or after a full line. libvterm has not
 *   one UTF-8 decoder but five (one for each of G0 to G3, used for text
 *   that starts below 0x80, and one for text that starts above), each
 *   keeping a cut sequence across writes, controls and sequences; which
 *   one finishes a cut sequence depends on the text around it, so a C2 in
 *   one and an 85 in another made a C1 that no byte stream showed. So
 *   libvterm gets only whole, valid UTF-8 characters, each in one write:
 *   a character cut between two reads waits here for the rest, and what
 *   is not valid UTF-8 (a stray byte, a cut sequence, an overlong form, a
 *   surrogate, a C1 control) reaches it as U+FFFD. No decoder of its is
 *   ever left in the middle of a character.
 * - REP (ESC [ n b) repeats the last character printed by moving on by its
 *   width: with none printed yet, or a lone combining character (width 0),
 *   libvterm loops for ever. term.c tells the guard the width of the last
 *   character; a REP with nothing to repeat is cancelled (CAN).
 *
 * - A saved cursor (DECSC, SCOSC, the alternate screen's) stays where it
 *   was when the screen shrinks; restoring it puts the cursor off the
 *   screen, where libvterm writes past its line attributes. The guard ends
 *   a piece of output after each restore, and term.c brings the cursor
 *   back onto the screen before the next piece.
 *
 * - An OSC or DCS string (a title, say) that comes in two writes loses
 *   its first part: libvterm keeps no fragment across writes. And a
 *   control byte between the ESC and the '\' of its end (ESC NUL \), or
 *   an ESC that ends one write with its '\' in the next, makes libvterm
 *   copy the string with a length of -1, a read past the end of what it
 *   was given. The guard holds a string until its end (up to
 *   GUARD_STR_MAX bytes) and sends it in one piece, ESC \ whole, without
 *   the controls between ESC and '\' (libvterm ignores them there).
 *
 * - A combining mark that is also in its table of wide characters (U+3099
 *   and U+309A, the kana sound marks, and U+302A to U+302F) adds two
 *   columns to the character before it: decomposed kana (as macOS names
 *   files) left a gap of two columns after each voiced kana. A mark that
 *   starts a write is joined to the last character of the write before
 *   at that character's width, so each such mark starts a piece here.
 *
 * It also notes when a program sets a scroll region: term.c ends it on a
 * resize (libvterm 0.1.4 crashes scrolling a region left off the screen).
 * And it follows the character sets for term-charset.c (designations,
 * shifts, saves and restores of the cursor); after a restore it writes
 * the sequences that bring libvterm's sets back to those saved.
 *
 * Plain text is looked at eight bytes at a time (for ESC and bytes from
 * 0x80); sequences, strings and characters beyond ASCII byte by byte.
 * Text in the ground state may go to a hook of its own (term.c's fast
 * path), which the guard tells whether insert mode or left and right
 * margins may be on.
 * The state carries over between reads, so that a sequence or a character
 * cut between two reads is guarded the same.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tterm.h"

#define GUARD_SEPS	15	/* separators of 16 arguments */
#define GUARD_REP	-2	/* term_guard_byte(): a REP's final byte */
#define GUARD_ED3	-4	/* and an ED 3's (erase the saved lines) */
#define GUARD_RESTORE	-3	/* the end of a cursor restore */
#define GUARD_STR_MAX	4096	/* an OSC or DCS string held whole */
#define GUARD_ARG_MASK	0x7fffffffu /* what libvterm keeps of an argument */
#define GUARD_CLIP_MAX	(1024 * 1024) /* an OSC 52's, for the clipboard */

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

/*
 * A CSI's byte, for its modes (term_guard_modes()), read as libvterm reads
 * it: a C0 control inside runs and leaves the argument going on, '?' is a
 * leader only as the first byte, and an argument keeps its low 31 bits
 * however long it grows (CSI_ARG()). Note 1048 and 1049 (the cursor saved
 * with the alternate screen), whose reset restores the cursor.
 */
static void
term_guard_mode(struct term_guard *g, u_char c)
{
	u_int	arg;

	if (c < 0x20 || c == 0x7f)
		return;
	if ((c >= 0x3c && c <= 0x3f) || (c >= 0x20 && c <= 0x2f))
		g->marks++;
	if (c == '?' && g->nbytes == 0)
		g->priv = 1;
	g->nbytes++;
	if (c >= '0' && c <= '9') {
		g->num = g->num * 10 + (c - '0');
		g->digits = 1;
		return;
	}
	arg = g->num & GUARD_ARG_MASK;
	if (g->priv && (arg == 1048 || arg == 1049))
		g->altscreen = 1;
	g->arg4 |= arg == 4;
	g->arg6 |= arg == 6;
	g->arg69 |= arg == 69;
	if (g->seps == 0 && g->digits && !g->arg0_done)
		g->arg0 = arg;
	g->arg0_done = 1;
	g->num = 0;
	g->digits = 0;
}

/*
 * The modes that move text or the fast path's cursor (see struct
 * term_guard): a sequence that may set one (any argument naming it) sets
 * it here; only the very sequences that clear it in libvterm clear it:
 * RM without leaders, DECRST with '?' alone, each with the mode as its
 * first argument (libvterm 0.1.4 reads no other), and RIS; not DECSTR,
 * which libvterm 0.1.4 takes for another sequence and ignores. So the
 * fast path is never taken where libvterm would place text otherwise.
 */
static void
term_guard_modes(struct term_guard *g, u_char c)
{
	if (c == 'h') {
		g->irm |= g->arg4;
		g->decom |= g->arg6;
		g->lrmm |= g->arg69;
	} else if (c == 'l') {
		if (g->arg0 == 4 && g->marks == 0)
			g->irm = 0;
		if (g->arg0 == 6 && g->priv && g->marks == 1)
			g->decom = 0;
		if (g->arg0 == 69 && g->priv && g->marks == 1)
			g->lrmm = 0;
	}
}

/* The state after byte c of a sequence that goes on or ends. */
static int
term_guard_next(struct term_guard *g, u_char c)
{
	if (c == 0x1b) {
		g->inter = 0;
		return (GUARD_ESC);
	}
	if (term_guard_ends(c)) {
		if (c == 'r')
			g->region = 1;	/* DECSTBM */
		return (GUARD_TEXT);
	}
	return (g->state);
}

/*
 * A CSI's byte after its arguments: a restore of the cursor (SCORC, or
 * leaving 1048 or 1049, whose entering saved the cursor and the sets), or
 * the state it leaves the guard in.
 */
static int
term_guard_csi_end(struct term_guard *g, u_char c)
{
	if (term_guard_ends(c))
		term_guard_modes(g, c);
	if (c == 'h' && g->altscreen)
		term_charset_save(&g->cs);
	if ((c == 'u' && g->plain) || (c == 'l' && g->altscreen)) {
		g->restore_cs = c == 'l';
		return (GUARD_RESTORE);
	}
	if (c == 'J' && g->marks == 0 && g->arg0 == 3)
		return (GUARD_ED3);
	return (term_guard_next(g, c));
}

/* A sequence's byte: the state after it, or -1 to drop it. */
static int
term_guard_byte(struct term_guard *g, u_char c)
{
	switch (g->state) {
	case GUARD_ESC:
		if (c == 0x1b) {
			g->inter = 0;	/* ESC again: a new sequence */
			return (GUARD_ESC);
		}
		if (c == '[') {
			/* After intermediates too: libvterm forgets them. */
			g->seps = 0;
			g->plain = 1;
			g->priv = 0;
			g->num = 0;
			g->digits = 0;
			g->nbytes = 0;
			g->arg0 = GUARD_ARG_MASK;	/* none yet */
			g->arg0_done = 0;
			g->altscreen = 0;
			g->marks = 0;
			g->arg4 = g->arg6 = g->arg69 = 0;
			return (GUARD_CSI);
		}
		if (c == '8' && !g->inter) {
			g->restore_cs = 1;
			return (GUARD_RESTORE);		/* DECRC */
		}
		if (c >= 0x20 && c <= 0x2f) {
			if (g->inter == 0)
				g->inter1 = c;
			if (g->inter < 2)
				g->inter++;
		}
		/* Only OSC and DCS are strings to libvterm 0.1.4 (SOS, PM
		 * and APC are controls it ignores). */
		if (c == ']' || c == 'P') {
			g->osc = c == ']';
			g->clipping = 0;
			return (GUARD_STR);
		}
		/* Intermediates (0x20 to 0x2f) go on with the sequence (and
		 * libvterm 0.1.4 takes a '[' after them for a CSI); C0
		 * controls run inside it; ESC starts again. */
		if (c >= 0x30 && c != 0x7f) {
			term_charset_escape(&g->cs, g->inter, g->inter1, c);
			if (c == 'c' && g->inter == 0)
				g->irm = g->decom = g->lrmm = 0; /* RIS */
			return (GUARD_TEXT);
		}
		if (c == 0x18 || c == 0x1a)
			return (GUARD_TEXT);
		return (GUARD_ESC);
	case GUARD_STR:
		if (c == 0x1b)
			return (GUARD_ESC);	/* ST is ESC \ */
		if (c == 0x07 || c == 0x18 || c == 0x1a)
			return (GUARD_TEXT);
		return (GUARD_STR);
	case GUARD_CSI:
		term_guard_mode(g, c);
		if ((c == ';' || c == ':') && ++g->seps > GUARD_SEPS) {
			g->state = GUARD_DROP;
			return (-1);
		}
		if ((c >= 0x3c && c <= 0x3f) || (c >= 0x20 && c <= 0x2f))
			g->plain = 0;	/* a leader or an intermediate */
		if (c == 'b' && g->plain)
			return (GUARD_REP);
		return (term_guard_csi_end(g, c));
	case GUARD_DROP:
		if (term_guard_param(c))
			return (-1);
		/* An intermediate still goes to libvterm, which then takes
		 * the sequence for another (CSI 4 SP l is no RM). */
		if (c >= 0x20 && c <= 0x2f) {
			g->marks++;
			g->plain = 0;
		}
		/* The final byte means the same with fewer arguments. */
		if (c == 'b' && g->plain)
			return (GUARD_REP);
		return (term_guard_csi_end(g, c));
	}
	return (term_guard_next(g, c));
}

/* How many bytes follow a lead byte c in UTF-8; -1: c leads nothing. */
static int
term_guard_u8_need(u_char c)
{
	if (c >= 0xc2 && c <= 0xdf)
		return (1);
	if (c >= 0xe0 && c <= 0xef)
		return (2);
	if (c >= 0xf0 && c <= 0xf4)
		return (3);
	return (-1);
}

/*
 * Whether c may be byte i (from 1) of the sequence led by lead: the second
 * byte's range shuts out overlong forms, surrogates and code points over
 * U+10FFFF; C2 80 to C2 9F (C1 controls) are shut out too.
 */
static int
term_guard_u8_cont(u_char lead, u_int i, u_char c)
{
	u_char	lo = 0x80, hi = 0xbf;

	if (i == 1) {
		switch (lead) {
		case 0xc2: lo = 0xa0; break;
		case 0xe0: lo = 0xa0; break;
		case 0xed: hi = 0x9f; break;
		case 0xf0: lo = 0x90; break;
		case 0xf4: hi = 0x8f; break;
		}
	}
	return (c >= lo && c <= hi);
}

/* The state after a whole character in state st (libvterm's parser's). */
static int
term_guard_u8_state(int st)
{
	/* A byte from 0x80 ends a CSI as not valid; an ESC waits on. */
	if (st == GUARD_CSI || st == GUARD_DROP)
		return (GUARD_TEXT);
	return (st);
}

#define GUARD_FFFD	"\357\277\275"	/* U+FFFD in UTF-8 */

/*
 * Go on with a character the last read cut: 1 if c was taken (and the
 * character sent once whole), 0 if c does not belong to it (the cut one
 * went as U+FFFD and c is to be looked at again).
 */
static int
term_guard_u8_more(struct term_guard *g, u_char c, term_guard_out out,
    void *arg)
{
	if (!term_guard_u8_cont(g->u8[0], g->u8len, c)) {
		out(GUARD_FFFD, 3, arg);
		g->u8len = g->u8need = 0;
		g->state = term_guard_u8_state(g->state);
		return (0);
	}
	g->u8[g->u8len++] = c;
	if (--g->u8need == 0) {
		out((const char *)g->u8, g->u8len, arg);
		g->u8len = 0;
		g->state = term_guard_u8_state(g->state);
	}
	return (1);
}

enum { GUARD_U8_WHOLE, GUARD_U8_CUT, GUARD_U8_BAD };

/*
 * A byte from 0x80 at p: a whole valid character of *n bytes, the *n
 * bytes before the end of a character the read cut, or *n bytes that are
 * not valid (one U+FFFD; the byte that broke them is looked at again).
 */
static int
term_guard_u8(const u_char *p, const u_char *end, size_t *n)
{
	int	need = term_guard_u8_need(*p);
	size_t	i;

	if (need < 0) {
		*n = 1;
		return (GUARD_U8_BAD);
	}
	for (i = 1; i <= (size_t)need && p + i < end; i++) {
		if (!term_guard_u8_cont(p[0], i, p[i]))
			break;
	}
	*n = i;
	if (i == (size_t)need + 1)
		return (GUARD_U8_WHOLE);
	return (p + i == end ? GUARD_U8_CUT : GUARD_U8_BAD);
}

/*
 * Whether the three bytes at p are a combining mark libvterm counts as
 * wide (see above): U+302A to U+302F, U+3099 and U+309A.
 */
static int
term_guard_wide_mark(const u_char *p)
{
	if (p[0] != 0xe3)
		return (0);
	if (p[1] == 0x80)
		return (p[2] >= 0xaa && p[2] <= 0xaf);
	return (p[1] == 0x82 && (p[2] == 0x99 || p[2] == 0x9a));
}

/* Whether c is SO or SI, which shift the character sets. */
#define GUARD_SHIFT(c)	(((c) & 0xfe) == 0x0e)

/*
 * How far text from p runs without an ESC, SO, SI or a byte from 0x80:
 * eight bytes at a time, so that plain text costs little more than
 * memchr.
 */
static const u_char *
term_guard_plain(const u_char *p, const u_char *end)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	highs = 0x8080808080808080ULL;
	uint64_t	w, e, s;

	while (end - p >= 8) {
		memcpy(&w, p, 8);
		e = w ^ (ones * 0x1b);		/* ESC is 0 */
		s = w ^ (ones * 0x0e);		/* SO is 0, SI 1 */
		if ((w & highs) != 0 || ((e - ones) & ~e & highs) != 0 ||
		    ((s - ones * 2) & ~s & highs) != 0)
			break;
		p += 8;
	}
	while (p < end && *p < 0x80 && *p != 0x1b && !GUARD_SHIFT(*p))
		p++;
	return (p);
}

/*
 * How far text from p runs with nothing for the guard to do: plain ASCII
 * and the common whole characters (two bytes from C3, three bytes from
 * E1 but ED and the wide marks), which need no more than a look at their
 * continuation bytes. What is left (ESC, other leads, anything cut or not
 * valid) is looked at byte by byte.
 */
static const u_char *
term_guard_text(const u_char *p, const u_char *end)
{
	u_char	c;

	while (p < end) {
		if ((c = *p) < 0x80) {
			if (c == 0x1b || GUARD_SHIFT(c))
				return (p);
			p = term_guard_plain(p, end);
			continue;
		}
		if (c >= 0xe1 && c <= 0xef && c != 0xed) {
			if (end - p < 3 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80 || term_guard_wide_mark(p))
				return (p);
			p += 3;
		} else if (c >= 0xc3 && c <= 0xdf) {
			if (end - p < 2 || (p[1] & 0xc0) != 0x80)
				return (p);
			p += 2;
		} else
			return (p);
	}
	return (p);
}

/*
 * Send the string held, whole; the guard goes on in state st. An OSC 52
 * goes to the clip hook instead (it may be far longer than libvterm
 * keeps), and libvterm gets only its end: an empty OSC it ignores. A
 * string cancelled (CAN, SUB) or cut short by another ESC sets nothing.
 */
static void
term_guard_string_end(struct term_guard *g, int st, term_guard_out out,
    void *arg)
{
	size_t	 n = g->str.len;
	char	 last = n > 0 ? g->str.data[n - 1] : 0;

	if (g->clipping) {
		if (g->clipping == 1 && (last == 0x07 || last == '\\')) {
			n -= last == 0x07 ? 1 : 2;
			g->clip(g->str.data, n, arg);
		}
		if (last == 0x07 || last == 0x18 || last == 0x1a ||
		    last == 0x1b)
			out(&last, 1, arg);
		else if (last == '\\')
			out("\033\\", 2, arg);
		g->clipping = 0;
	} else if (n > 0) {
		if (g->osc && g->cwd != NULL && n > 3 &&
		    memcmp(g->str.data, "7;", 2) == 0 && (last == 0x07 ||
		    (last == '\\' && n > 4)))
			g->cwd(g->str.data + 2, n - 2 - (last == 0x07 ? 1 : 2),
			    arg);
		out(g->str.data, n, arg);
	}
	g->str.len = 0;
	g->state = st;
}

/* A byte of an OSC 52 string: held up to GUARD_CLIP_MAX, then dropped. */
static void
term_guard_clip_byte(struct term_guard *g, u_char c)
{
	if (g->str.len >= GUARD_CLIP_MAX) {
		g->clipping = 2;
		return;
	}
	buf_add(&g->str, &c, 1);
}

/*
 * A byte of an OSC or DCS string (see above): 1 if it was taken (held, or
 * sent with the string), 0 if the string ended before it and the byte is
 * to be looked at again as the start of what follows.
 */
static int
term_guard_string(struct term_guard *g, u_char c, term_guard_out out,
    void *arg)
{
	if (g->str_esc) {
		/* libvterm ignores controls between ESC and what follows. */
		if ((c < 0x20 && c != 0x1b && c != 0x18 && c != 0x1a) ||
		    c == 0x7f)
			return (1);
		g->str_esc = 0;
		buf_add(&g->str, "\033", 1);
		if (c == '\\') {
			buf_add(&g->str, "\\", 1);
			term_guard_string_end(g, GUARD_TEXT, out, arg);
			return (1);
		}
		/* Not ST: the string is left, c is read after ESC. */
		term_guard_string_end(g, GUARD_ESC, out, arg);
		g->inter = 0;
		return (0);
	}
	if (c == 0x1b) {
		g->str_esc = 1;
		return (1);
	}
	if (c == 0x07 || c == 0x18 || c == 0x1a) {
		buf_add(&g->str, &c, 1);
		term_guard_string_end(g, GUARD_TEXT, out, arg);
		return (1);
	}
	if (g->clipping) {
		term_guard_clip_byte(g, c);
		return (1);
	}
	/* libvterm carries out the other controls inside a string: SO and
	 * SI shift there as anywhere (found by fuzz-term), but not inside
	 * an OSC 52, which libvterm never sees (found by fuzz-term too). */
	if (GUARD_SHIFT(c))
		term_charset_text(&g->cs, c);
	buf_add(&g->str, &c, 1);
	if (g->osc && g->clip != NULL && g->str.len == 3 &&
	    memcmp(g->str.data, "52;", 3) == 0)
		g->clipping = 1;
	else if (g->str.len >= GUARD_STR_MAX) {
		/* Too long to hold: libvterm keeps 64 bytes of it anyway. */
		out(g->str.data, g->str.len, arg);
		g->str.len = 0;
	}
	return (1);
}

/*
 * A byte from 0x80 at p: a whole UTF-8 character passes, a bad one shows
 * as U+FFFD, one cut by the end of the read waits in g. Returns where
 * the next byte is; *from is the start of what has yet to go out.
 */
static const u_char *
term_guard_high(struct term_guard *g, const u_char *p, const u_char *end,
    const u_char **from, term_guard_out out, void *arg)
{
	size_t	n;
	int	kind;

	kind = term_guard_u8(p, end, &n);
	if (kind == GUARD_U8_WHOLE && n == 3 && term_guard_wide_mark(p)) {
		/* A piece of its own from here, to join what went before. */
		if (p > *from)
			out((const char *)*from, p - *from, arg);
		*from = p;
	} else if (kind != GUARD_U8_WHOLE) {
		if (p > *from)
			out((const char *)*from, p - *from, arg);
		if (kind == GUARD_U8_BAD)
			out(GUARD_FFFD, 3, arg);
		else {
			memcpy(g->u8, p, n);
			g->u8len = n;
			g->u8need = term_guard_u8_need(*p) + 1 - n;
		}
		*from = p + n;
	}
	if (g->u8need == 0)
		g->state = term_guard_u8_state(g->state);
	return (p + n);
}

/* A byte below 0x80 outside text: ESC, a control, or one of a sequence. */
static void
term_guard_ctl(struct term_guard *g, const u_char *p, const u_char **from,
    term_guard_out out, void *arg)
{
	char	cs[32];
	size_t	n;
	int	st, keep = 1;

	if (GUARD_SHIFT(*p))
		term_charset_text(&g->cs, *p);	/* runs inside sequences */
	if (g->state == GUARD_TEXT) {
		g->state = GUARD_ESC;	/* *p is ESC */
		g->inter = 0;
	} else if ((st = term_guard_byte(g, *p)) == -1)
		keep = 0;
	else if (st == GUARD_REP) {
		/* libvterm takes what comes before, then the guard knows
		 * the last character's width. */
		if (p > *from)
			out((const char *)*from, p - *from, arg);
		*from = p;
		if (!g->rep_ok) {
			out("\030", 1, arg);
			keep = 0;
		} else if (g->rep != NULL) {
			/* The REP alone, then its hook (term.c's fast path
			 * must know where it left the cursor). */
			out((const char *)p, 1, arg);
			*from = p + 1;
			g->rep(arg);
		}
		g->state = GUARD_TEXT;
	} else if (st == GUARD_ED3) {
		/* What came before is on the screen (and what scrolled off
		 * saved) first; libvterm ignores the ED 3 itself. */
		out((const char *)*from, p + 1 - *from, arg);
		*from = p + 1;
		if (g->erase_saved != NULL)
			g->erase_saved(arg);
		g->state = GUARD_TEXT;
	} else if (st == GUARD_STR || st == GUARD_RESTORE) {
		/* A string's introducer goes now, the string is held; after
		 * a restore, what follows goes in a piece of its own, so
		 * that term.c sees the cursor in between. */
		out((const char *)*from, p + 1 - *from, arg);
		*from = p + 1;
		g->state = st == GUARD_STR ? GUARD_STR : GUARD_TEXT;
		if (st == GUARD_RESTORE && g->restore_cs &&
		    (n = term_charset_restore(&g->cs, cs, sizeof cs)) > 0)
			out(cs, n, arg);
		g->restore_cs = 0;
	} else
		g->state = st;
	if (!keep) {
		if (p > *from)
			out((const char *)*from, p - *from, arg);
		*from = p + 1;
	}
}

/*
 * A run of digits in a CSI's argument (colours make most of a coloured
 * text's sequences): what term_guard_byte() would do with each, without
 * its dispatch. The digits go out with the sequence.
 */
static const u_char *
term_guard_digits(struct term_guard *g, const u_char *p, const u_char *end)
{
	u_long	num = g->num;
	u_int	n = 0;

	while (p + n < end && p[n] >= '0' && p[n] <= '9') {
		num = num * 10 + (p[n] - '0');
		n++;
	}
	g->num = num;
	g->digits = 1;
	g->nbytes += n;
	return (p + n);
}

/*
 * Feed len bytes of buf through the guard: out() gets what libvterm may
 * parse, in order, in one or more pieces.
 */
void
term_guard_feed(struct term_guard *g, const char *buf, size_t len,
    term_guard_out out, void *arg)
{
	const u_char	*p = (const u_char *)buf, *end = p + len, *from = p;

	/* The end of a character the last read cut. */
	while (g->u8need > 0 && p < end) {
		if (!term_guard_u8_more(g, *p, out, arg))
			break;
		from = ++p;
	}
	while (p < end) {
		if (g->state == GUARD_STR) {
			if (term_guard_string(g, *p, out, arg))
				p++;
			from = p;
			continue;
		}
		if (g->state == GUARD_TEXT && *p != 0x1b) {
			const u_char	*q;

			/* A shift, or the character a single shift is for:
			 * libvterm's, the fast way does not shift (a byte
			 * from 0x80 it reads through the shifted set too). */
			if (GUARD_SHIFT(*p) || g->cs.cur.ss != 0) {
				term_charset_text(&g->cs, *p);
				if (*p < 0x80) {
					p++;
					continue;
				}
				p = term_guard_high(g, p, end, &from, out, arg);
				continue;
			}
			q = term_guard_text(p, end);
			if (q != p && g->text != NULL) {
				if (p > from)
					out((const char *)from, p - from, arg);
				g->text((const char *)p, q - p, arg);
				from = p = q;
				continue;
			}
			if (q != p) {
				p = q;
				continue;
			}
		}
		if (g->state == GUARD_CSI && *p >= '0' && *p <= '9')
			p = term_guard_digits(g, p, end);
		else if (*p >= 0x80)
			p = term_guard_high(g, p, end, &from, out, arg);
		else
			term_guard_ctl(g, p++, &from, out, arg);
	}
	if (p > from)
		out((const char *)from, p - from, arg);
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
	g->str_esc = 0;
	g->str.len = 0;
	g->clipping = 0;
}

/* Free what the guard holds. */
void
term_guard_free(struct term_guard *g)
{
	buf_free(&g->str);
	memset(g, 0, sizeof *g);
}
