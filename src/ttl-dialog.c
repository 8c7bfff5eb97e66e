/*
 * ttl-dialog.c: TTL's dialogs as questions for the user: the tab shows
 * them as modal forms and the macro waits for the answer (a wait like
 * any other: the loop goes on meanwhile).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

/* A dialog's answer (NULL: cancelled); nothing if none is asked. */
void
ttl_answer(struct ttl *vm, const char *text, int32_t result)
{
	if (vm->wait.kind != WK_ANSWER || vm->answered)
		return;
	freezero_str(vm->answer);
	vm->answer = text != NULL ? xstrdup(text) : NULL;
	vm->answer_result = result;
	vm->answered = 1;
	if (vm->answer_fn != NULL)
		vm->answer_fn(vm);
}

#define TD_NONE		0
#define TD_YESNO	1
#define TD_TEXT		2
#define TD_LIST		3
#define TD_PATH		4

/* A listbox's answer: the number typed (1 up), as an index; -1 if none. */
static int32_t
ttl_dialog_pick(struct ttl *vm, int key)
{
	int32_t	n;

	if (key == 0 || vm->answer == NULL ||
	    ttl_parse_int(vm->answer, &n) != 0 || n < 1 || n > vm->wait.pos)
		return (-1);
	return (n - 1);
}

/* A form's answer comes: the macro takes it when it resumes. */
static void
ttl_dialog_cb(void *arg, int key, char **values)
{
	struct ttl	*vm = arg;

	ttl_answer(vm, values != NULL && values[0] != NULL ? values[0] :
	    NULL, key);
}

static void
ttl_dialog_apply(struct ttl *vm)
{
	int	key = vm->answer_result;

	switch (vm->wait.n) {
	case TD_YESNO:
		ttl_set_int(vm, "result", key == 'y' || key == 'Y');
		break;
	case TD_TEXT:		/* inputbox, passwordbox: no result */
	case TD_PATH:		/* filenamebox, dirnamebox: 1 or 0 */
		ttl_set_str(vm, "inputstr", key != 0 && vm->answer != NULL ?
		    vm->answer : "");
		if (vm->wait.n == TD_PATH)
			ttl_set_int(vm, "result", key != 0);
		break;
	case TD_LIST:		/* the item's index, -1 cancelled */
		ttl_set_int(vm, "result", ttl_dialog_pick(vm, key));
		break;
	}
	freezero_str(vm->answer);
	vm->answer = NULL;
}

/*
 * Put question q up in the macro's tab; the macro waits for the answer,
 * which apply (TD_* says how) makes into result and inputstr.
 */
static void
ttl_dialog_put(struct ttl *vm, struct question *q, int apply,
    const char *what)
{
	ttl_wait_clear(&vm->wait);
	vm->wait.kind = WK_ANSWER;
	vm->wait.n = apply;
	vm->wait.what = xstrdup(what);
	vm->answered = 0;
	vm->answer_fn = ttl_dialog_apply;
	vm->host->ask(vm->data, q);
}

/* A dialog: msg title; kind 0 message, 1 yes/no, 2 input, 3 password. */
static int
ttl_dialog(struct ttl *vm, struct ttl_cursor *c, int kind)
{
	static const char	*what[] = { "messagebox", "yesnobox",
	    "inputbox", "passwordbox" };
	struct question		*q;
	char			*msg, *title = NULL, *def = NULL, *m;
	const char		*label[] = { "" };
	int			 echo[] = { kind != 3 };
	int32_t			 special = 0;

	if (ttl_arg_str(vm, c, &msg) != 0)
		return (-1);
	/* inputbox's third argument: a default if a string, else special. */
	if (ttl_arg_str(vm, c, &title) != 0 ||
	    (kind == 2 && ttl_arg_more(c) && c->l->tok[c->i].type == TK_STR &&
	    ttl_arg_str(vm, c, &def) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_int(vm, c, &special)) ||
	    ttl_arg_end(vm, c) != 0) {
		free(msg);
		free(title);
		free(def);
		return (-1);
	}
	/* special: strspecial's escapes in the message, as Tera Term's. */
	m = special != 0 ? ttl_unescape(msg) : xstrdup(msg);
	if (kind == 0) {
		xappendf(&m, "\n\n%s", _("(Enter: OK)"));
		q = question_choice(title, m, "\r", ttl_dialog_cb, vm);
	} else if (kind == 1) {
		xappendf(&m, "\n\n%s", _("(y: yes, n: no)"));
		q = question_choice(title, m, "yn", ttl_dialog_cb, vm);
	} else {
		q = question_fields(title, m, 1, label, echo, ttl_dialog_cb, vm);
		if (def != NULL)
			question_set_value(q, 0, def);
	}
	free(m);
	free(msg);
	free(title);
	free(def);
	ttl_dialog_put(vm, q, kind == 1 ? TD_YESNO : kind >= 2 ? TD_TEXT :
	    TD_NONE, what[kind]);
	return (0);
}

TTL_CMD(messagebox)
{
	return (ttl_dialog(vm, c, 0));
}

TTL_CMD(yesnobox)
{
	return (ttl_dialog(vm, c, 1));
}

TTL_CMD(inputbox)
{
	return (ttl_dialog(vm, c, 2));
}

TTL_CMD(passwordbox)
{
	return (ttl_dialog(vm, c, 3));
}

/*
 * listbox msg title array [selected ['key=value'...]]: the items
 * numbered in the form's text, the number typed into its field (the
 * selected one's first); result the item's index, -1 cancelled.
 */
TTL_CMD(listbox)
{
	const struct ttl_token	*t;
	struct ttl_var		*a;
	struct question		*q;
	const char		*label[] = { _("Number") };
	int			 echo[] = { 1 };
	char			*msg, *title, *m, num[16];
	int32_t			 sel = 0;
	u_int			 n;

	if (ttl_arg_str(vm, c, &msg) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &title) != 0) {
		free(msg);
		return (-1);
	}
	t = c->i < c->l->ntok ? &c->l->tok[c->i++] : NULL;
	a = t != NULL && t->type == TK_ID ? ttl_var_find(vm, t->s) : NULL;
	if (a == NULL || a->type != TV_STRARR) {
		free(msg);
		free(title);
		return (ttl_error(vm, _("listbox needs a string array "
		    "(strdim)")));
	}
	/* The selected item, and Tera Term 5.3's keywords (its window's
	 * looks: nothing to do in a form). */
	while (ttl_arg_more(c)) {
		if (c->l->tok[c->i].type == TK_STR &&
		    strchr(c->l->tok[c->i].s, '=') != NULL) {
			c->i++;
			continue;
		}
		if (ttl_arg_int(vm, c, &sel) != 0) {
			free(msg);
			free(title);
			return (-1);
		}
	}
	m = xstrdup(msg);
	xappendf(&m, "\n");
	for (n = 0; n < a->size && a->sa[n] != NULL && *a->sa[n] != '\0';
	    n++)
		xappendf(&m, "\n%3u  %s", n + 1, a->sa[n]);
	xappendf(&m, "\n\n%s", _("(type the number; Esc: cancel)"));
	q = question_fields(title, m, 1, label, echo, ttl_dialog_cb, vm);
	snprintf(num, sizeof num, "%d", sel >= 0 && (u_int)sel < n ? sel + 1 :
	    1);
	question_set_value(q, 0, num);
	free(m);
	free(msg);
	free(title);
	ttl_dialog_put(vm, q, TD_LIST, "listbox");
	vm->wait.pos = (int32_t)n;
	return (0);
}

/* filenamebox title [save [folder]], dirnamebox title [folder]: a path
 * typed, the folder given (or the macro's) first. */
static int
ttl_namebox(struct ttl *vm, struct ttl_cursor *c, int dir)
{
	struct question	*q;
	const char	*label[] = { dir ? _("Folder") : _("File") };
	int		 echo[] = { 1 };
	char		*title, *folder = NULL, *first;
	int32_t		 save = 0;

	if (ttl_arg_str(vm, c, &title) != 0)
		return (-1);
	if ((!dir && ttl_arg_more(c) && ttl_arg_int(vm, c, &save) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_str(vm, c, &folder) != 0)) {
		free(title);
		return (-1);
	}
	c->i = c->l->ntok;	/* a filter: every file is offered here */
	first = folder != NULL ? ttl_path(vm, folder) : xstrdup(vm->cwd);
	if (!dir)
		xappendf(&first, "/");
	q = question_fields(title, dir ? _("Type the folder's path.") :
	    _("Type the file's path."), 1, label, echo, ttl_dialog_cb, vm);
	question_set_value(q, 0, first);
	free(first);
	free(folder);
	free(title);
	ttl_dialog_put(vm, q, TD_PATH, dir ? "dirnamebox" : "filenamebox");
	return (0);
}

TTL_CMD(filenamebox)
{
	return (ttl_namebox(vm, c, 0));
}

TTL_CMD(dirnamebox)
{
	return (ttl_namebox(vm, c, 1));
}

/* statusbox msg title: a line in the status bar while the macro runs
 * (Tera Term's small window); closesbox takes it down. */
TTL_CMD(statusbox)
{
	char	*msg, *title = NULL, *m, *both, *p;
	int32_t	 special = 0;

	if (ttl_arg_str(vm, c, &msg) != 0)
		return (-1);
	if ((ttl_arg_more(c) && ttl_arg_str(vm, c, &title) != 0) ||
	    (ttl_arg_more(c) && ttl_arg_int(vm, c, &special) != 0) ||
	    ttl_arg_end(vm, c) != 0) {
		free(msg);
		free(title);
		return (-1);
	}
	m = special != 0 ? ttl_unescape(msg) : xstrdup(msg);
	for (p = m; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';	/* its lines, on one line */
	}
	xasprintf(&both, "%s%s%s", title != NULL ? title : "",
	    title != NULL && *title != '\0' ? ": " : "", m);
	free(vm->statusbox);
	vm->statusbox = text_clean(both, 0);	/* one line, no controls */
	free(both);
	free(m);
	free(msg);
	free(title);
	return (0);
}

TTL_CMD(closesbox)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	free(vm->statusbox);
	vm->statusbox = NULL;
	return (0);
}
