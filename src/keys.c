/*
 * keys.c: turn what curses reads from the outer terminal into keys for
 * libvterm, which encodes them as the inner program expects (cursor and
 * keypad modes, modifiers, bracketed paste).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "tterm.h"

/* Curses key codes with their libvterm key and modifiers. */
struct keys_entry {
	int		code;
	VTermKey	key;
	VTermModifier	mod;
};

static const struct keys_entry keys_table[] = {
	{ KEY_UP, VTERM_KEY_UP, 0 },
	{ KEY_DOWN, VTERM_KEY_DOWN, 0 },
	{ KEY_LEFT, VTERM_KEY_LEFT, 0 },
	{ KEY_RIGHT, VTERM_KEY_RIGHT, 0 },
	{ KEY_HOME, VTERM_KEY_HOME, 0 },
	{ KEY_END, VTERM_KEY_END, 0 },
	{ KEY_IC, VTERM_KEY_INS, 0 },
	{ KEY_DC, VTERM_KEY_DEL, 0 },
	{ KEY_PPAGE, VTERM_KEY_PAGEUP, 0 },
	{ KEY_NPAGE, VTERM_KEY_PAGEDOWN, 0 },
	{ KEY_BACKSPACE, VTERM_KEY_BACKSPACE, 0 },
	{ KEY_ENTER, VTERM_KEY_ENTER, 0 },
	{ KEY_BTAB, VTERM_KEY_TAB, VTERM_MOD_SHIFT },
	{ KEY_SR, VTERM_KEY_UP, VTERM_MOD_SHIFT },
	{ KEY_SF, VTERM_KEY_DOWN, VTERM_MOD_SHIFT },
	{ KEY_SLEFT, VTERM_KEY_LEFT, VTERM_MOD_SHIFT },
	{ KEY_SRIGHT, VTERM_KEY_RIGHT, VTERM_MOD_SHIFT },
	{ KEY_SHOME, VTERM_KEY_HOME, VTERM_MOD_SHIFT },
	{ KEY_SEND, VTERM_KEY_END, VTERM_MOD_SHIFT },
	{ KEY_SIC, VTERM_KEY_INS, VTERM_MOD_SHIFT },
	{ KEY_SDC, VTERM_KEY_DEL, VTERM_MOD_SHIFT },
	{ KEY_SPREVIOUS, VTERM_KEY_PAGEUP, VTERM_MOD_SHIFT },
	{ KEY_SNEXT, VTERM_KEY_PAGEDOWN, VTERM_MOD_SHIFT },
	{ KEY_A1, VTERM_KEY_HOME, 0 },
	{ KEY_C1, VTERM_KEY_END, 0 },
	{ KEY_A3, VTERM_KEY_PAGEUP, 0 },
	{ KEY_C3, VTERM_KEY_PAGEDOWN, 0 },
};

/*
 * xterm's modified keys have terminfo names such as kUP5 (Ctrl+Up): the
 * digit minus one is the modifier mask, the same bits libvterm uses. Their
 * key codes are only known at run time.
 */
static const struct {
	const char	*name;
	VTermKey	 key;
} keys_extnames[] = {
	{ "kUP", VTERM_KEY_UP }, { "kDN", VTERM_KEY_DOWN },
	{ "kLFT", VTERM_KEY_LEFT }, { "kRIT", VTERM_KEY_RIGHT },
	{ "kHOM", VTERM_KEY_HOME }, { "kEND", VTERM_KEY_END },
	{ "kIC", VTERM_KEY_INS }, { "kDC", VTERM_KEY_DEL },
	{ "kPRV", VTERM_KEY_PAGEUP }, { "kNXT", VTERM_KEY_PAGEDOWN },
};

#define KEYS_EXTMAX 80
static struct keys_entry keys_ext[KEYS_EXTMAX];
static u_int keys_next;

/* Look up the run-time codes of modified keys and the paste brackets. */
void
keys_init(void)
{
	char	 name[16];
	char	*s;
	u_int	 i;
	int	 m, code;

	keys_next = 0;
	for (i = 0; i < sizeof keys_extnames / sizeof keys_extnames[0]; i++) {
		for (m = 2; m <= 8; m++) {
			snprintf(name, sizeof name, "%s%d",
			    keys_extnames[i].name, m);
			s = tigetstr(name);
			if (s == NULL || s == (char *)-1)
				continue;
			if ((code = key_defined(s)) <= 0)
				continue;
			if (keys_next == KEYS_EXTMAX)
				return;
			keys_ext[keys_next].code = code;
			keys_ext[keys_next].key = keys_extnames[i].key;
			keys_ext[keys_next].mod = m - 1;
			keys_next++;
		}
	}
	define_key("\033[200~", KEYS_PASTE_START);
	define_key("\033[201~", KEYS_PASTE_END);
}

/* Modifiers of xterm's F13 and up: Shift, Ctrl, Ctrl+Shift, Alt, ... */
static const VTermModifier keys_fmods[] = {
	VTERM_MOD_NONE, VTERM_MOD_SHIFT, VTERM_MOD_CTRL,
	VTERM_MOD_CTRL | VTERM_MOD_SHIFT, VTERM_MOD_ALT,
	VTERM_MOD_ALT | VTERM_MOD_SHIFT
};

/*
 * Send a key to the terminal: code is a curses key code (0 for a
 * character), ch the character, alt set when Esc came just before. Return 0
 * for keys with no meaning to the inner terminal.
 */
int
keys_send(VTerm *vt, int code, uint32_t ch, int alt)
{
	VTermModifier	mod = alt ? VTERM_MOD_ALT : VTERM_MOD_NONE;
	u_int		i;
	int		n;

	if (code == 0) {
		switch (ch) {
		case '\r':
			vterm_keyboard_key(vt, VTERM_KEY_ENTER, mod);
			return (1);
		case '\t':
			vterm_keyboard_key(vt, VTERM_KEY_TAB, mod);
			return (1);
		case 0x7f:
			vterm_keyboard_key(vt, VTERM_KEY_BACKSPACE, mod);
			return (1);
		case 0x1b:
			vterm_keyboard_key(vt, VTERM_KEY_ESCAPE, mod);
			return (1);
		}
		if (alt && (ch < 0x20 || ch >= 0x80)) {
			/* libvterm only prefixes printable ASCII with Esc. */
			vterm_keyboard_key(vt, VTERM_KEY_ESCAPE, 0);
			mod = 0;
		}
		vterm_keyboard_unichar(vt, ch, mod);
		return (1);
	}
	if (code == KEYS_PASTE_START) {
		vterm_keyboard_start_paste(vt);
		return (1);
	}
	if (code == KEYS_PASTE_END) {
		vterm_keyboard_end_paste(vt);
		return (1);
	}
	if (code >= KEY_F(1) && code <= KEY_F(63)) {
		n = code - KEY_F(0) - 1;
		if ((u_int)(n / 12) >= sizeof keys_fmods / sizeof keys_fmods[0])
			return (0);
		vterm_keyboard_key(vt, VTERM_KEY_FUNCTION(n % 12 + 1),
		    keys_fmods[n / 12] | mod);
		return (1);
	}
	for (i = 0; i < sizeof keys_table / sizeof keys_table[0]; i++) {
		if (keys_table[i].code == code) {
			vterm_keyboard_key(vt, keys_table[i].key,
			    keys_table[i].mod | mod);
			return (1);
		}
	}
	for (i = 0; i < keys_next; i++) {
		if (keys_ext[i].code == code) {
			vterm_keyboard_key(vt, keys_ext[i].key,
			    keys_ext[i].mod | mod);
			return (1);
		}
	}
	return (0);
}

/*
 * Parse a prefix key: "C-]", "^]", "C-a", "M-..." is not accepted; also a
 * number. Return the control byte, or -1.
 */
int
keys_parse_prefix(const char *s)
{
	int	c;

	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] != '\0' &&
	    s[3] == '\0')
		c = s[2];
	else if (s[0] == '^' && s[1] != '\0' && s[2] == '\0')
		c = s[1];
	else if (strncmp(s, "0x", 2) == 0) {
		c = (int)strtol(s, NULL, 16);
		return ((c > 0 && c < 0x20) ? c : -1);
	} else
		return (-1);
	if (c == '?')
		return (-1);
	c = toupper((unsigned char)c);
	if (c < '@' || c > '_')
		return (-1);
	return (c & 0x1f);
}

/* A readable name such as "Ctrl+]" for a prefix byte. */
const char *
keys_prefix_name(int key)
{
	static char	buf[16];

	snprintf(buf, sizeof buf, "Ctrl+%c", (key & 0x1f) | 0x40);
	if (buf[5] >= 'A' && buf[5] <= 'Z')
		buf[5] = tolower((unsigned char)buf[5]);
	return (buf);
}
