/*
 * view-int.h: the inside of the scrollback view and copy mode, shared by
 * view.c, view-search.c and copy.c only.
 */
#ifndef VIEW_INT_H
#define VIEW_INT_H

/* Lines are named by id (lines.c), which output does not move. */
struct view {
	u_int		cy, cx;		/* the cursor: line id, column */
	int		sel;		/* 0, 'v' (characters), 'V' (lines) */
	int		rect;		/* a rectangle (with 'v') */
	u_int		sy, sx;		/* where the selection started */
	int		mouse;		/* entered by a drag: leave after */
	/* search */
	int		prompt;		/* 0, or '/' or '?' being typed */
	int		prompt_regex;	/* the prompt's pattern is a regex */
	struct buf	input;		/* what is typed at the prompt */
	struct search  *search;		/* the last search, or NULL */
	int		dir;		/* its direction: 1 down, -1 up */
	u_int		my, mx0, mx1;	/* the match the cursor is on */
	int		match;		/* there is one */
	u_int		nmatch;		/* matches in all the lines */
	u_int		imatch;		/* which of them is the cursor's */
};

#define VIEW_MARK_MATCH		1
#define VIEW_MARK_CURRENT	2
#define VIEW_MARK_SELECTED	4

/* view.c */
void	 view_changed(struct tab *);
u_int	 view_top(struct tab *);
u_int	 view_cursor_line(struct tab *);
void	 view_cursor_to(struct tab *, u_int, u_int);
void	 view_move(struct tab *, int);

/* view-search.c */
int	 view_search_key(struct tab *, int, uint32_t);
void	 view_search_marks(struct tab *, u_int, uint8_t *, u_int);

/* copy.c */
void	 copy_selection(struct tab *);
int	 copy_selected(struct tab *, u_int, u_int, u_int *, u_int *);

#endif
