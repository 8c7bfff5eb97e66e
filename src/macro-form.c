/*
 * macro-form.c: prefix m runs a macro on the visible tab: a form with the
 * file (Up picks from the recent ones, ~/.config/tterm/macros) and its
 * arguments; prefix . stops the tab's macro.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define MF_FILE	0
#define MF_ARGS	1
#define MF_N	2

#define MACRO_FORM_TEXT _("A Tera Term macro (.ttl) runs in this tab: it " \
	"types and waits for you,\nand its connect connects the tab. The " \
	"status bar shows what it waits for.")

struct macro_form {
	struct tab	*tab;
	u_int		 gen;		/* tab_generation when put up */
	char		**recent;
	u_int		 nrecent;
};

/* Enter: start the macro, or say in the form why not. */
static int
macro_form_submit(struct macro_form *mf, struct form *f)
{
	char	*file = form_value(f, MF_FILE), *args = form_value(f, MF_ARGS);
	char	**argv, *cause = NULL, *text, *path;
	int	 argc, ok;

	argv = ttcmd_split(args);
	for (argc = 0; argv[argc] != NULL; argc++)
		;
	ok = *file != '\0' && macro_start(mf->tab, file, argc, argv,
	    &cause) == 0;
	if (!ok) {
		xasprintf(&text, _("%s\n\nCannot run it: %s"), MACRO_FORM_TEXT,
		    cause != NULL ? cause : _("type the macro's file"));
		form_set_text(f, text);
		free(text);
	} else {
		free(cause);
		cause = NULL;
		/* Kept whole: tterm may start in another folder next time. */
		if ((path = realpath(file, NULL)) == NULL)
			path = xstrdup(file);
		if (hosts_add_list("macros", path, &cause) != 0)
			ui_message(_("recent macros not saved: %s"), cause);
		free(path);
	}
	free(cause);
	ttcmd_free_argv(argv);
	free(file);
	freezero_str(args);
	return (ok);
}

static int
macro_form_handle(void *data, struct form *f, int r)
{
	struct macro_form	*mf = data;

	if (r == 0x1b)
		return (1);
	if (r != '\r')
		return (0);
	/* The tab may have closed while the form was up. */
	if (mf->gen != tab_generation) {
		ui_message(_("macro: the tab has closed"));
		return (1);
	}
	return (macro_form_submit(mf, f));
}

static void
macro_form_release(void *data)
{
	struct macro_form	*mf = data;

	hosts_free(mf->recent, mf->nrecent);
	free(mf);
}

/* Prefix m: put up the form for the visible tab. */
void
macro_form_open(void)
{
	struct macro_form	*mf;
	struct form_item	 it[MF_N];
	struct form		*f;

	if (tab_active == NULL)
		return;
	mf = xcalloc(1, sizeof *mf);
	mf->tab = tab_active;
	mf->gen = tab_generation;
	mf->recent = hosts_load_list("macros", &mf->nrecent);
	mf->recent = xreallocarray(mf->recent, mf->nrecent + 1,
	    sizeof *mf->recent);
	mf->recent[mf->nrecent] = NULL;
	memset(it, 0, sizeof it);
	it[MF_FILE] = (struct form_item){ _("Macro file"), FORM_TEXT,
	    mf->nrecent > 0 ? mf->recent[0] : "",
	    (const char **)mf->recent };
	it[MF_ARGS] = (struct form_item){ _("Arguments"), FORM_TEXT, "", NULL };
	f = form_new_dialog(_("Run a macro"), MACRO_FORM_TEXT,
	    _(" Enter: run  Up: recent macros  Esc: cancel "), MF_N, it);
	overlay_form(f, macro_form_handle, macro_form_release, mf);
}

/* Prefix .: stop the visible tab's macro. */
void
macro_form_stop(void)
{
	if (tab_active == NULL || !macro_stop(tab_active))
		ui_message(_("no macro runs in this tab"));
	else
		ui_message(_("macro stopped"));
}
