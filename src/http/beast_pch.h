// Precompiled header for http/: Beast and Asio are the slowest headers of the build.
#pragma once
#include <utility>  // must precede <boost/asio/awaitable.hpp> with Boost 1.74 and g++ 12

#include <boost/asio.hpp>
#include <boost/beast.hpp>
