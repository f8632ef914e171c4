// The routes of the editor's desk and the column administration, one function per file.
#pragma once

#include "http/router.h"
#include "web/web_context.h"

namespace wangju::web::desk {

void register_desk_pages(http::Router& router, WebContext& web);         // desk_pages.cpp
void register_desk_article_page(http::Router& router, WebContext& web);  // desk_article_page.cpp
void register_column_pages(http::Router& router, WebContext& web);       // column_pages.cpp

}  // namespace wangju::web::desk
