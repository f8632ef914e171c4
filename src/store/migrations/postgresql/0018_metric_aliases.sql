-- Other names under which tables head a metric's column, as a JSON array of strings. The metrics
-- of the 12351+ plan get the names that the notice's tables (附件2, 附件3) give them.
ALTER TABLE campaign_metrics ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
UPDATE campaign_metrics SET aliases = '["线下活动","线下活动场次"]'
    WHERE code = 'offline_activities' AND name = '开展线下活动';
UPDATE campaign_metrics SET aliases = '["宣传员","好网民宣传员","招募“好网民”宣传员人数"]'
    WHERE code = 'promoters' AND name = '发展好网民宣传员';
UPDATE campaign_metrics SET aliases = '["走访企业数"]'
    WHERE code = 'enterprises_visited' AND name = '走访企业';
UPDATE campaign_metrics SET aliases = '["覆盖职工人数","参与职工人数"]'
    WHERE code = 'workers_reached' AND name = '覆盖职工';
UPDATE campaign_metrics SET aliases = '["线上浏览量","网上传播量"]'
    WHERE code = 'online_reach' AND name = '网上传播';
