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
	case 1:		/* yesnobox */
		ttl_set_int(vm, "result", key == 'y' || key == 'Y');
		break;
	case 2:		/* inputbox, passwordbox */
		ttl_set_str(vm, "inputstr", key != 0 && vm->answer != NULL ?
		    vm->answer : "");
		ttl_set_int(vm, "result", key != 0);
		break;
	}
	freezero_str(vm->answer);
	vm->answer = NULL;
}

/* A dialog: msg title; kind 0 message, 1 yes/no, 2 input, 3 password. */
static int
ttl_dialog(struct ttl *vm, struct ttl_cursor *c, int kind)
{
	struct question	*q;
	char		*msg, *title = NULL, *def = NULL, *m;
	const char	*label[] = { "" };
	int		 echo[] = { kind != 3 };
	int32_t		 special;

	if (ttl_arg_str(vm, c, &msg) != 0)
		return (-1);
	if (ttl_arg_str(vm, c, &title) != 0 ||
	    (kind == 2 && ttl_arg_more(c) && ttl_arg_str(vm, c, &def) != 0) ||
	    (kind != 2 && ttl_arg_more(c) && ttl_arg_int(vm, c, &special)) ||
	    ttl_arg_end(vm, c) != 0) {
		free(msg);
		free(title);
		free(def);
		return (-1);
	}
	/* strspecial's escapes are on in dialog text, as Tera Term's. */
	m = ttl_unescape(msg);
	if (kind == 0)
		q = question_choice(title, m, "\r", ttl_dialog_cb, vm);
	else if (kind == 1)
		q = question_choice(title, m, "yn", ttl_dialog_cb, vm);
	else
		q = question_fields(title, m, 1, label, echo, ttl_dialog_cb, vm);
	free(m);
	free(msg);
	free(title);
	free(def);
	ttl_wait_clear(&vm->wait);
	vm->wait.kind = WK_ANSWER;
	vm->wait.n = kind == 1 ? 1 : kind >= 2 ? 2 : 0;
	vm->wait.what = xstrdup(kind == 0 ? "messagebox" : kind == 1 ?
	    "yesnobox" : kind == 2 ? "inputbox" : "passwordbox");
	vm->answered = 0;
	vm->answer_fn = ttl_dialog_apply;
	vm->host->ask(vm->data, q);
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
