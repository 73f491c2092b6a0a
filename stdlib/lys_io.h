/*
 * lys_io.h — helpers shared by the I/O modules of stdlib/ (io.c, files.c,
 * json.c, session.c, and StringForm for strings.c).  Only lyra.h +
 * lyra_ext.h underneath.
 */
#ifndef LYS_IO_H
#define LYS_IO_H

#include "lyra_ext.h"

/* The file name at argument pos of e (a non-empty string or File["name"]):
 * borrowed C string.  Otherwise issues f::fstr and returns false. (files.c) */
bool lys_file_arg(LyVM *vm, LyExpr e, size_t pos, const char **path);
/* Issues head(e)::tag with the path as `1` and returns $Failed. (files.c) */
LyExpr lys_failed_msg(LyVM *vm, LyExpr e, const char *tag, const char *path);

/* Appends the text of StringForm[fmt, args...] (`1`, `2`, `` placeholders)
 * in OutputForm; false when sf is not a well-formed StringForm. (io.c) */
bool lys_stringform(LyBuf *b, LyExpr sf);
/* Appends x in OutputForm, formatting StringForm[...] at the top. (io.c) */
void lys_put_output(LyBuf *b, LyExpr x);

/* Appends the TeX text of e, as TeXForm[e] prints (texform.c). */
bool lys_format_tex(LyBuf *b, LyExpr e);

/* JSON (json.c, with jansson): the value of JSON text (new reference);
 * objects become lists of rules, or associations when raw.  NULL with a
 * message (head of e, tag "jsonerr") when the text is not JSON, or on an
 * exit. */
LyExpr lys_json_parse(LyVM *vm, LyExpr e, const char *text, size_t len, bool raw);
/* Appends x as JSON (Wolfram's layout: tab indentation, "key":value;
 * compact: one line).  False with a message when x has no JSON form. */
bool lys_json_write(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, bool compact);

/* WXF (wxf.c): the expression in len bytes of WXF (not evaluated; new
 * reference), or NULL with BinaryDeserialize::invwxf when the data is not
 * WXF (or on an exit).  lys_wxf_export appends the WXF form of x to b
 * (flags: LY_WXF_*); false with BinarySerialize::nser when x holds a value
 * with no WXF form, or on an exit. */
LyExpr lys_wxf_import(LyVM *vm, LyExpr e, const void *data, size_t len);
bool lys_wxf_export(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, unsigned flags);

#endif
