/*
 * xfer-form.c: prefix F starts a file transfer on the visible tab, by
 * any tab's byte stream: the protocol (XMODEM checksum, CRC or 1K,
 * YMODEM, ZMODEM), the direction and the files. A boot loader waiting
 * for XMODEM on a serial line is what it is most for; ZMODEM is here for
 * a peer that cannot start it by itself (AutoZmodem=off, a program that
 * waits).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define XF_PROTO	0
#define XF_DIR		1
#define XF_FILES	2
#define XF_N		3

#define XFER_FORM_TEXT _("Send: the files, blanks between them (a name " \
	"with blanks in \"...\");\nXMODEM sends one.\n" \
	"Receive: XMODEM needs the file's name, YMODEM and ZMODEM take the" \
	"\nsender's. Files go into %s\nand appear only when the transfer " \
	"ends well.")

static const char	*xfer_form_dirs[] = { N_("send"), N_("receive"), NULL };
static int		 xfer_form_proto = XFER_XMODEM_CRC;	/* the last */
static int		 xfer_form_dir;

/* The choices as the form shows them, in the user's language: its
 * answers are found in these. */
static const char	*xfer_form_protos_shown[XFER_ZMODEM + 2];
static const char	*xfer_form_dirs_shown[3];

struct xfer_form {
	u_int	 tab_id;
	char	*text;		/* the form's words, without an error */
};

static struct tab *
xfer_form_tab(u_int id)
{
	struct tab	*t;

	for (t = tabs; t != NULL && t->id != id; t = t->next)
		;
	return (t);
}

/* Enter: start the transfer, or say in the form why not. */
static int
xfer_form_submit(struct xfer_form *xf, struct form *f)
{
	struct tab	*t = xfer_form_tab(xf->tab_id);
	char		*proto, *dir, *files, *cause = NULL, *text;
	int		 ok;

	proto = form_value(f, XF_PROTO);
	dir = form_value(f, XF_DIR);
	files = form_value(f, XF_FILES);
	xfer_form_proto = form_index(xfer_form_protos_shown, proto);
	xfer_form_dir = form_index(xfer_form_dirs_shown, dir);
	if (t == NULL) {
		ui_message(_("file transfer: the tab has closed"));
		ok = 1;
	} else if ((ok = tab_xfer_start(t, xfer_form_proto,
	    xfer_form_dir == 0, files, NULL, 0, &cause) == 0))
		ui_message(xfer_form_dir == 0 ? _("%s send started: %s z "
		    "cancels") : _("%s receive started: %s z cancels"),
		    xfer_form_protos_shown[xfer_form_proto],
		    keys_prefix_name(opts.prefix));
	else {
		xasprintf(&text, _("%s\n\nCannot start it: %s"), xf->text, cause);
		form_set_text(f, text);
		free(text);
	}
	free(cause);
	free(proto);
	free(dir);
	free(files);
	return (ok);
}

static int
xfer_form_handle(void *data, struct form *f, int r)
{
	if (r == 0x1b)
		return (1);
	if (r != '\r')
		return (0);
	return (xfer_form_submit(data, f));
}

static void
xfer_form_release(void *data)
{
	struct xfer_form	*xf = data;

	free(xf->text);
	free(xf);
}

/* Prefix F: put up the form for the visible tab. */
void
xfer_form_open(void)
{
	struct tab		*t = tab_active;
	struct xfer_form	*xf;
	struct form_item	 it[XF_N];
	struct form		*f;
	const char		*dl;

	if (t == NULL)
		return;
	if (t->xfer != NULL) {
		ui_message(_("a transfer runs in this tab: %s z cancels it"),
		    keys_prefix_name(opts.prefix));
		return;
	}
	xf = xcalloc(1, sizeof *xf);
	xf->tab_id = t->id;
	dl = t->prof != NULL && t->prof->file_dir != NULL &&
	    *t->prof->file_dir != '\0' ? t->prof->file_dir :
	    _("the folder tterm started in");
	xasprintf(&xf->text, XFER_FORM_TEXT, dl);
	form_choices(xfer_protocols, xfer_form_protos_shown);
	form_choices(xfer_form_dirs, xfer_form_dirs_shown);
	memset(it, 0, sizeof it);
	it[XF_PROTO] = (struct form_item){ _("Protocol"), FORM_CHOICE,
	    xfer_form_protos_shown[xfer_form_proto], xfer_form_protos_shown };
	it[XF_DIR] = (struct form_item){ _("Direction"), FORM_CHOICE,
	    xfer_form_dirs_shown[xfer_form_dir], xfer_form_dirs_shown };
	it[XF_FILES] = (struct form_item){ _("Files"), FORM_TEXT, "", NULL };
	f = form_new_dialog(_("File transfer"), xf->text, _(" Enter: start"
	    "  Left/Right: change a choice  Tab: next field  Esc: cancel "),
	    XF_N, it);
	overlay_form(f, xfer_form_handle, xfer_form_release, xf);
}
