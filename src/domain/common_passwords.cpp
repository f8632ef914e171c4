#include "domain/common_passwords.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "domain/text.h"

namespace wangju {

namespace {

// Lower case and sorted, so that a lookup is a binary search. The classic English lists (the most
// frequent entries of public breach corpora, with the usual "1!", "123" and "@123" variants) and
// the passwords typical of Chinese users (pinyin names, "woaini1314", "qq123456", number patterns,
// company and place names with "@123"). Most are refused earlier by the length and character
// class rules; they are kept so that the list stays meaningful if those rules change.
// clang-format off
constexpr std::array common_passwords = std::to_array<std::string_view>({
    "!@#$%^&*", "!@#$%^&*()", "!qaz2wsx", "!qaz@wsx", "0000", "000000", "00000000", "0123456789",
    "110110", "1111", "11111", "111111", "11111111", "1111111111", "112233", "11223344",
    "112233445566", "121212", "121314", "123!@#qwe", "123123", "123123123", "123321", "1234",
    "1234!@#$", "12344321", "12345", "123456", "123456.com", "123456654321", "1234567",
    "12345678", "123456789", "1234567890", "1234567890a", "12345678910", "123456789a",
    "123456789aa", "123456789abc", "123456789q", "123456a", "123456aa", "123456abc", "123456as",
    "123456asd", "123456q", "123456qq", "1234qwer", "1234qwer!", "123654", "123789", "123abc",
    "123qwe", "123qwe!@#", "123qweasd", "123qweasdzxc", "131313", "1314", "1314520", "13145200",
    "1314521", "1314woaini", "147258", "147258369", "147852369", "159357", "159753", "168168",
    "1q2w3e", "1q2w3e4r", "1q2w3e4r!", "1q2w3e4r5t", "1q2w3e4r5t!", "1q2w3e4r5t6y", "1qaz!qaz",
    "1qaz2wsx", "1qaz2wsx!", "1qaz2wsx#edc", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "1qaz@wsx",
    "1qaz@wsx3edc", "1qazxsw2", "1qazxsw23edc", "2000", "222222", "232323", "2wsx3edc",
    "321654987", "333333", "3344520", "3edc4rfv", "518518", "520131", "5201314", "5201314520",
    "520520", "521521", "555555", "584520", "654321", "666666", "66666666", "666666666",
    "66668888", "696969", "741852963", "7758258", "7758521", "777777", "7777777", "789456123",
    "8675309", "87654321", "888888", "88888888", "8888888888", "88888888a", "963852741", "987654",
    "987654321", "9876543210", "999999", "99999999", "a123123", "a12345", "a123456", "a1234567",
    "a12345678", "a123456789", "a1234567890", "a12345678910", "a1b2c3d4", "a1b2c3d4e5",
    "a5201314", "aa112233", "aa123123", "aa123456", "aa123456!", "aa12345678", "aa123456789",
    "aa1234567890", "aa123456@", "aa@123456", "aaa123456", "aaaaaa", "aabbcc123", "ab123456",
    "ab123456789", "abc123", "abc123!", "abc123123", "abc12345", "abc123456", "abc123456!",
    "abc12345678", "abc123456789", "abc@123", "abc@1234", "abc@12345", "abc@123456", "abcd1234",
    "abcd1234!", "abcd123456", "abcd12345678", "abcd@123", "abcd@1234", "abcde12345", "abcdef",
    "abcdefg", "abcdefg123", "abcdefgh", "access", "acftu123", "adidas", "admin", "admin1",
    "admin123", "admin123!", "admin1234", "admin12345", "admin123456", "admin@123", "admin@1234",
    "admin@12345", "admin@123456", "admin@huawei", "administrator", "ai123456", "aini1314",
    "aini520", "alibaba", "alibaba123", "amanda", "andrea", "andrew", "angel", "anthony",
    "arsenal", "asd123", "asd123456", "asdf1234", "asdf@1234", "asdfasdf", "asdfgh", "asdfgh123",
    "asdfghjkl", "asdfghjkl1", "asdfghjkl123", "ashley", "austin", "autumn2023!", "badboy",
    "baidu123", "bailey", "banana", "barney", "baseball", "baseball1", "batman", "batman123",
    "beijing", "beijing123", "beijing@123", "bigdaddy", "bigdog", "binhai", "binhai123",
    "binhai@123", "booboo", "boomer", "boston", "brandon", "brandy", "bulldog", "buster",
    "camaro", "casper", "changeme", "changeme1", "changeme123", "changeme123!", "charles",
    "charlie", "cheese", "chelsea", "chen123", "chen123456", "chengdu123", "chester", "cheyenne",
    "chicago", "chicken", "china", "china123", "china123!", "china2023", "china@123",
    "chongqing123", "chris", "cocacola", "coffee", "company123", "company@123", "compaq",
    "computer", "cookie", "corvette", "cowboy", "cowboys", "crystal", "dakota", "dallas",
    "daniel", "danwei123", "database123", "default", "diablo", "diamond", "dragon", "dragon123",
    "eagles", "edward", "enter", "falcon", "fender", "ferrari", "fishing", "flower", "football",
    "football1", "forever", "freedom", "fuqiang123", "ganbu123", "gandalf", "gao123456",
    "gateway", "george", "gfhjkm", "ghbdtn", "ginger", "golden", "golfer", "gonghui",
    "gonghui123", "gonghui123456", "gonghui@123", "guangzhou", "guest", "guitar", "guo123456",
    "hammer", "hangzhou123", "hannah", "hao123", "hao123456", "haoren123", "harley", "he123456",
    "heather", "hello", "hello123", "hello1234", "hello@123", "helloworld", "helloworld1",
    "helloworld123", "hockey", "hu123456", "huang123456", "huawei", "huawei12#$", "huawei123",
    "huawei@123", "huawei@123456", "hunter", "iceman", "iloveu1314", "iloveyou", "iloveyou!",
    "iloveyou1", "iloveyou123", "iloveyou123!", "iloveyou1314", "iloveyou520", "internet",
    "jackson", "james", "jasmine", "jasper", "jennifer", "jessica", "jiayou123", "jiayou2023",
    "johnny", "jordan", "joseph", "joshua", "junior", "justin", "killer", "klaster", "knight",
    "lakers", "laogong520", "laopo520", "letmein", "letmein!", "letmein1", "letmein123",
    "letmein123!", "li123456", "lijing", "lin123456", "liu123", "liu123456", "liuyang",
    "login123", "london", "love", "love1314", "love520", "ma123456", "maggie", "marina", "marine",
    "marlboro", "martin", "master", "master123", "matrix", "matthew", "maverick", "maxwell",
    "melissa", "mercedes", "merlin", "michael", "michelle", "mickey", "midnight", "miller",
    "mima123", "mima123456", "minecraft", "money", "monkey", "monkey123", "monster", "morgan",
    "mother", "mustang", "mysql123", "nanjing123", "nascar", "natasha", "ncc1701", "ni123456",
    "nicai", "nicole", "nihao123", "nihao123456", "nikita", "oliver", "oracle123", "orange",
    "p@$$w0rd", "p@$$word", "p@ssw0rd", "p@ssw0rd!", "p@ssw0rd1", "p@ssw0rd123", "p@ssword",
    "p@ssword1", "p@ssword123", "pass", "passw0rd", "passw0rd!", "passw0rd1", "passw0rd123",
    "password", "password!", "password#123", "password1", "password1!", "password12",
    "password123", "password123!", "password1234", "password2020", "password2021", "password2022",
    "password2023", "password2024", "password@123", "patrick", "peanut", "pepper", "phoenix",
    "player", "please", "porsche", "postgres123", "prince", "princess", "princess1", "purple",
    "q1234567", "q12345678", "q123456789", "q1w2e3r4", "q1w2e3r4t5", "q1w2e3r4t5y6", "qaz123456",
    "qazwsx", "qazwsx123", "qazwsx@123", "qazwsxedc", "qazwsxedc123", "qq123123", "qq123456",
    "qq123456!", "qq1234567", "qq123456789", "qq5201314", "qq520520", "qq666666", "qq888888",
    "qq@123456", "qwe!@#123", "qwe123", "qwe123!@#", "qwe123456", "qwe123qwe", "qweasd",
    "qweasd123", "qweasdzxc", "qweasdzxc123", "qweqwe", "qwer!@#$", "qwer1234", "qwer1234!",
    "qwer@1234", "qwerty", "qwerty1", "qwerty12", "qwerty123", "qwerty123!", "qwerty1234",
    "qwerty12345", "qwerty123456", "qwerty@123", "qwertyuiop", "qwertyuiop!", "qwertyuiop1",
    "qwertyuiop123", "qwertyuiop123456", "qwertz", "rabbit", "rachel", "raiders", "ranger",
    "rangers", "redsox", "richard", "robert", "root", "root123", "root@123", "root@1234",
    "root@123456", "sa123456", "sa@123456", "samantha", "samsung", "scooby", "scooter", "secret",
    "secret123", "secret@123", "server123", "shadow", "shanghai", "shanghai123", "shanghai@123",
    "shenzhen", "shenzhen123", "silver", "slayer", "smokey", "snoopy", "soccer", "sparky",
    "spider", "spring2023!", "spring2024!", "starwars", "steelers", "steven", "summer",
    "summer2023", "summer2023!", "summer2024", "summer2024!", "sun123456", "sunshine",
    "sunshine1", "sunshine123", "superman", "superman123", "sys@123456", "system123",
    "system@123", "taobao", "taobao123", "taylor", "tencent", "tencent123", "tennis", "test",
    "test123", "test123!", "test1234", "test123456", "test@123", "test@1234", "thomas", "thunder",
    "tianjin", "tianjin123", "tianjin123!", "tianjin@123", "tigers", "tigger", "toor", "trustno1",
    "trustno1!", "user123", "user@123", "victoria", "wang123", "wang123456", "wang@123456",
    "wangfang", "wangju", "wangju123", "wangju123456", "wangju@123", "wangwei", "wechat123",
    "weixin", "weixin123", "welcome", "welcome1", "welcome1!", "welcome123", "welcome123!",
    "welcome2023", "welcome2024", "welcome@123", "whatever", "william", "winner", "winter",
    "winter2023", "winter2023!", "winter2024!", "wizard", "wo123456", "woaibaba", "woaimama",
    "woaini", "woaini123", "woaini1234", "woaini12345", "woaini123456", "woaini1314",
    "woaini1314!", "woaini1314520", "woaini1314520!", "woaini520", "woaini5201314", "woaini521",
    "woaini@1314", "woaiwojia", "woaiwolaopo", "wodemima", "woshishui", "woxihuanni", "wsx123456",
    "wu123456", "wuhan123", "xian123456", "xiaohong", "xiaomi", "xiaomi123", "xiaoming",
    "xiaoqiang", "xu123456", "xxxxxx", "yamaha", "yang123456", "yankees", "yellow", "z123456789",
    "zaq!2wsx", "zaq12wsx", "zaq1@wsx", "zaq1zaq1", "zgh123456", "zgh@123456", "zhang123",
    "zhang123456", "zhang@123456", "zhangmin", "zhangwei", "zhao123456", "zhigong", "zhigong123",
    "zhongguo", "zhongguo123", "zhonghua", "zhou123456", "zhu123456", "zxc123", "zxc123456",
    "zxcvbn", "zxcvbnm", "zxcvbnm!", "zxcvbnm1", "zxcvbnm123", "zxcvbnm123456", "zz123456789",
});
// clang-format on

static_assert(std::is_sorted(common_passwords.begin(), common_passwords.end()));

}  // namespace

bool is_common_password(std::string_view password) {
    const std::string lower = to_lower_ascii(password);
    return std::binary_search(common_passwords.begin(), common_passwords.end(),
                              std::string_view(lower));
}

}  // namespace wangju
