/*
 * test-keys.c: the bytes a key sends, through tterm's key mapping and
 * libvterm's encoder, in the modes programs switch on.
 */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "tterm.h"
#include "unit.h"

static char	out[256];
static size_t	outlen;

static void
collect(const char *s, size_t len, void *data)
{
	if (outlen + len < sizeof out) {
		memcpy(out + outlen, s, len);
		outlen += len;
	}
	out[outlen] = '\0';
}

static VTerm *
vt_new(void)
{
	VTerm	*vt = vterm_new(24, 80);

	vterm_set_utf8(vt, 1);
	vterm_output_set_callback(vt, collect, NULL);
	vterm_state_reset(vterm_obtain_state(vt), 1);
	return (vt);
}

/* Send one key; return what it produced. */
static const char *
key(VTerm *vt, int code, uint32_t ch, int alt)
{
	outlen = 0;
	out[0] = '\0';
	keys_send(vt, code, ch, alt);
	return (out);
}

static void
test_plain_keys(void)
{
	VTerm	*vt = vt_new();

	CHECK_STR(key(vt, 0, 'a', 0), "a");
	CHECK_STR(key(vt, 0, 0x65e5, 0), "\xe6\x97\xa5");
	CHECK_STR(key(vt, 0, '\r', 0), "\r");
	CHECK_STR(key(vt, 0, '\t', 0), "\t");
	CHECK_STR(key(vt, 0, 0x7f, 0), "\x7f");
	CHECK_STR(key(vt, 0, 0x1b, 0), "\033");
	CHECK_STR(key(vt, 0, 0x03, 0), "\x03");	/* Ctrl+C */
	CHECK_STR(key(vt, 0, 0x13, 0), "\x13");	/* Ctrl+S */
	vterm_free(vt);
}

static void
test_cursor_keys_and_modes(void)
{
	VTerm	*vt = vt_new();

	CHECK_STR(key(vt, KEY_UP, 0, 0), "\033[A");
	CHECK_STR(key(vt, KEY_LEFT, 0, 0), "\033[D");
	CHECK_STR(key(vt, KEY_HOME, 0, 0), "\033[H");
	/* Application cursor mode (DECCKM), as vim and less set it. */
	vterm_input_write(vt, "\033[?1h", 5);
	CHECK_STR(key(vt, KEY_UP, 0, 0), "\033OA");
	CHECK_STR(key(vt, KEY_RIGHT, 0, 0), "\033OC");
	vterm_input_write(vt, "\033[?1l", 5);
	CHECK_STR(key(vt, KEY_DOWN, 0, 0), "\033[B");
	CHECK_STR(key(vt, KEY_SR, 0, 0), "\033[1;2A");
	CHECK_STR(key(vt, KEY_BTAB, 0, 0), "\033[Z");
	vterm_free(vt);
}

static void
test_function_and_edit_keys(void)
{
	VTerm	*vt = vt_new();

	CHECK_STR(key(vt, KEY_F(1), 0, 0), "\033OP");
	CHECK_STR(key(vt, KEY_F(5), 0, 0), "\033[15~");
	CHECK_STR(key(vt, KEY_F(12), 0, 0), "\033[24~");
	CHECK_STR(key(vt, KEY_F(17), 0, 0), "\033[15;2~");	/* Shift+F5 */
	CHECK_STR(key(vt, KEY_PPAGE, 0, 0), "\033[5~");
	CHECK_STR(key(vt, KEY_NPAGE, 0, 0), "\033[6~");
	CHECK_STR(key(vt, KEY_DC, 0, 0), "\033[3~");
	CHECK_STR(key(vt, KEY_IC, 0, 0), "\033[2~");
	vterm_free(vt);
}

static void
test_alt_keys(void)
{
	VTerm	*vt = vt_new();

	CHECK_STR(key(vt, 0, 'x', 1), "\033x");
	CHECK_STR(key(vt, 0, 0x02, 1), "\033\x02");	/* Alt+Ctrl+B */
	CHECK_STR(key(vt, 0, 0xe9, 1), "\033\xc3\xa9");	/* Alt+e acute */
	CHECK_STR(key(vt, KEY_UP, 0, 1), "\033[1;3A");
	vterm_free(vt);
}

static void
test_bracketed_paste(void)
{
	VTerm	*vt = vt_new();

	/* Without mode 2004 a paste is plain text. */
	CHECK_STR(key(vt, KEYS_PASTE_START, 0, 0), "");
	CHECK_STR(key(vt, 0, 'p', 0), "p");
	CHECK_STR(key(vt, KEYS_PASTE_END, 0, 0), "");
	vterm_input_write(vt, "\033[?2004h", 8);
	CHECK_STR(key(vt, KEYS_PASTE_START, 0, 0), "\033[200~");
	CHECK_STR(key(vt, KEYS_PASTE_END, 0, 0), "\033[201~");
	vterm_free(vt);
}

static void
test_prefix_parse(void)
{
	CHECK(keys_parse_prefix("C-]") == 0x1d);
	CHECK(keys_parse_prefix("^a") == 0x01);
	CHECK(keys_parse_prefix("C-A") == 0x01);
	CHECK(keys_parse_prefix("0x1c") == 0x1c);
	CHECK(keys_parse_prefix("x") == -1);
	CHECK(keys_parse_prefix("C-?") == -1);
	CHECK(keys_parse_prefix("C-ab") == -1);
	CHECK_STR(keys_prefix_name(0x1d), "Ctrl+]");
	CHECK_STR(keys_prefix_name(0x02), "Ctrl+b");
}

int
main(void)
{
	RUN(test_plain_keys);
	RUN(test_cursor_keys_and_modes);
	RUN(test_function_and_edit_keys);
	RUN(test_alt_keys);
	RUN(test_bracketed_paste);
	RUN(test_prefix_parse);
	UNIT_EXIT();
}
