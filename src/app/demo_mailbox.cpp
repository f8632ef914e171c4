// The mailbox's part of the demo: four letters, one in each state, one of them overdue and one
// published in 来信选登.
#include "app/demo.h"
#include "store/letter_store.h"

namespace wangju::app {

namespace {

NewLetter demo_letter(const Unit& unit, LetterCategory category, const char* title,
                      const char* body, bool may_publish) {
    NewLetter l;
    l.unit = unit.id;
    l.writer_name = "李明";
    l.phone = "13820001234";
    l.address = "天津市滨海新区第三大街 18 号";
    l.workplace = "泰达汽车零部件有限公司";
    l.category = category;
    l.title = title;
    l.body = body;
    l.may_publish = may_publish;
    return l;
}

}  // namespace

void load_demo_letters(store::Store& store, const std::string& letter_key) {
    const AuditContext ctx{std::nullopt, "demo"};
    store::LetterStore letters(store.database(), SecretBox(letter_key));
    const DueRules rules;
    const Unit binhai = *store.find_unit_by_code("binhai");
    const Unit teda = *store.find_unit_by_code("bh_teda");
    const auto teda_admin = store.find_user_by_username("teda_admin");
    const Timestamp now = now_utc();
    const auto days_ago = [&](int n) { return now - std::chrono::days{n}; };

    letters.submit(demo_letter(binhai, LetterCategory::suggestion, "建议延长职工食堂晚餐供应时间",
                               "我们车间经常加班到晚上七点以后,食堂晚餐六点半就停止供应了,"
                               "建议延长到晚上八点。",
                               false),
                   {}, rules, ctx, days_ago(1));

    auto overdue = letters.submit(
        demo_letter(teda, LetterCategory::rights, "加班费未足额发放",
                    "今年七月和八月的周末加班,公司只按平时工资发放加班费,请工会帮助协调。", false),
        {}, rules, ctx, days_ago(12));
    letters.accept(overdue.letter.code, LetterComplexity::simple, rules, ctx);
    if (teda_admin) letters.assign(overdue.letter.code, teda_admin->id, ctx);

    auto answered = letters.submit(
        demo_letter(binhai, LetterCategory::question, "职工医疗互助保障如何申请",
                    "听说工会有职工医疗互助保障,请问怎么参加,住院以后怎么申请补助?", true),
        {}, rules, ctx, days_ago(8));
    letters.accept(answered.letter.code, LetterComplexity::simple, rules, ctx);
    letters.reply(answered.letter.code,
                  "您好!职工医疗互助保障由所在单位工会**统一组织参加**。\n\n"
                  "1. 向本单位工会报名,按年度缴纳互助金;\n"
                  "2. 住院出院后 90 天内,持发票和出院小结到单位工会申请补助。\n\n"
                  "如有疑问请致电区总工会权益保障部。",
                  ctx);
    letters.close(answered.letter.code, ctx);
    letters.rate(answered.letter.code, 5, "答复很清楚,谢谢!", ctx);
    letters.publish(answered.letter.code, "", ctx);

    auto refused =
        letters.submit(demo_letter(binhai, LetterCategory::complaint, "小区物业收费过高",
                                   "我们小区物业费今年上涨了三成,希望工会出面解决。", false),
                       {}, rules, ctx, days_ago(3));
    letters.reject(refused.letter.code,
                   "物业收费问题不属于工会职责范围,建议向所在街道或区住房和建设委员会反映。", ctx);
}

}  // namespace wangju::app
