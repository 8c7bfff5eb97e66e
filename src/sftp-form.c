/*
 * sftp-form.c: prefix f moves files over the visible SSH tab's own
 * connection (SFTP, tab-sftp.c): a form with the direction, the remote
 * and local paths (Tab completes the local one) and what to do when a
 * name is taken. The remote path starts at the shell's folder when the
 * shell says where it is (OSC 7); received files go to the profile's
 * FileDir, else the folder tterm was started in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define SF_DIR		0
#define SF_REMOTE	1
#define SF_LOCAL	2
#define SF_EXISTS	3
#define SF_N		4

#define SFTP_FORM_TEXT _("Files move over this tab's SSH connection (SFTP):" \
	" no new login.\nA folder moves with all it holds; a file arrives" \
	" under its own name\nonly when all of it is there. Tab completes the" \
	" local path;\nan empty remote path is your home folder.")

static const char *sftp_form_dirs[] = {
	N_("receive: server to here"), N_("send: here to server"), NULL
};
static const char *sftp_form_exists[] = {
	N_("replace"), N_("keep both (name.1)"), N_("skip"), NULL
};

/* The choices as the form shows them, in the user's language: its
 * answers are found in these. */
static const char *sftp_form_dirs_shown[3];
static const char *sftp_form_exists_shown[4];

struct sftp_form {
	struct tab	*tab;
	u_int		 gen;		/* tab_generation when put up */
};

/* Enter: start the transfer, or say in the form why not. */
static int
sftp_form_submit(struct sftp_form *sf, struct form *f)
{
	char	*dir = form_value(f, SF_DIR), *remote = form_value(f, SF_REMOTE);
	char	*local = form_value(f, SF_LOCAL), *ex = form_value(f, SF_EXISTS);
	char	*cause = NULL, *text;
	int	 put, policy, ok;

	put = form_index(sftp_form_dirs_shown, dir) == 1;
	policy = form_index(sftp_form_exists_shown, ex);
	if (put && *local == '\0')
		cause = xstrdup(_("type the local file or folder to send"));
	else if (!put && *remote == '\0')
		cause = xstrdup(_("type the remote file or folder to receive"));
	ok = cause == NULL && tab_sftp_start(sf->tab, put, local, remote,
	    policy, 0, &cause) == 0;
	if (!ok) {
		xasprintf(&text, _("%s\n\nCannot start: %s"), SFTP_FORM_TEXT,
		    cause);
		form_set_text(f, text);
		free(text);
	}
	free(cause);
	free(dir);
	free(remote);
	free(local);
	free(ex);
	return (ok);
}

/* Tab in the local path: complete it, listing the names when several fit. */
static void
sftp_form_complete(struct form *f)
{
	char	*v = form_value(f, SF_LOCAL), *done, *listing, *text;

	done = complete_path(v, &listing);
	form_set_value(f, SF_LOCAL, done);
	if (listing != NULL) {
		xasprintf(&text, "%s\n\n%s", SFTP_FORM_TEXT, listing);
		form_set_text(f, text);
		free(text);
		free(listing);
	}
	free(done);
	free(v);
}

static int
sftp_form_handle(void *data, struct form *f, int r)
{
	struct sftp_form	*sf = data;

	if (r == 0x1b)
		return (1);
	if (r == '\t') {
		sftp_form_complete(f);
		return (0);
	}
	if (r != '\r')
		return (0);
	/* The tab may have closed while the form was up. */
	if (sf->gen != tab_generation) {
		ui_message(_("file transfer: the tab has closed"));
		return (1);
	}
	return (sftp_form_submit(sf, f));
}

static void
sftp_form_release(void *data)
{
	free(data);
}

/* Prefix f: put up the form for the visible tab. */
void
sftp_form_open(void)
{
	struct sftp_form	*sf;
	struct form_item	 it[SF_N];
	struct form		*f;
	const char		*cwd, *fdir;
	char			*remote;

	if (tab_active == NULL)
		return;
	sf = xcalloc(1, sizeof *sf);
	sf->tab = tab_active;
	sf->gen = tab_generation;
	cwd = tab_sftp_cwd(tab_active);
	if (cwd != NULL)
		xasprintf(&remote, "%s%s", cwd, strcmp(cwd, "/") == 0 ? "" :
		    "/");
	else
		remote = xstrdup("");
	fdir = tab_active->prof != NULL ? tab_active->prof->file_dir : NULL;
	form_choices(sftp_form_dirs, sftp_form_dirs_shown);
	form_choices(sftp_form_exists, sftp_form_exists_shown);
	memset(it, 0, sizeof it);
	it[SF_DIR] = (struct form_item){ _("Direction"), FORM_CHOICE,
	    sftp_form_dirs_shown[0], sftp_form_dirs_shown };
	it[SF_REMOTE] = (struct form_item){ _("Remote path"), FORM_TEXT, remote,
	    NULL };
	it[SF_LOCAL] = (struct form_item){ _("Local path"), FORM_PATH,
	    fdir != NULL && *fdir != '\0' ? fdir : ".", NULL };
	it[SF_EXISTS] = (struct form_item){ _("If the name is taken"),
	    FORM_CHOICE, sftp_form_exists_shown[0], sftp_form_exists_shown };
	f = form_new_dialog(_("File transfer (SFTP)"), SFTP_FORM_TEXT,
	    _(" Enter: start  Left/Right: choose  Tab: complete  Esc: cancel "),
	    SF_N, it);
	free(remote);
	overlay_form(f, sftp_form_handle, sftp_form_release, sf);
}
