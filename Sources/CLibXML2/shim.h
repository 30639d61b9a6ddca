// libxml2 built with ICU includes ICU's headers, which clash with the copy of ICU that Swift's
// Foundation carries. Dossier uses none of libxml2's ICU parts (only the HTML parser and the
// tree), so the headers are read without them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
