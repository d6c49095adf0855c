// 阿里云短信 reply codes → what the shop owner reads. Pure and table-tested; unknown codes keep the
// gateway's own words so nothing is hidden.

const MESSAGES: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': '短信发送太频繁，被短信网关限流（同一手机号每分钟 1 条、每小时 5 条），请稍后再重发',
  'isv.DAY_LIMIT_CONTROL': '这个手机号今天收到的短信已达上限，请明天再发或人工核实后放行',
  'isv.MOBILE_NUMBER_ILLEGAL': '买家的手机号不正确，短信网关拒收，请人工核实后放行',
  'isv.SMS_SIGNATURE_ILLEGAL': '短信签名不可用（不存在、未审核通过或填写错误），请在风控设置的短信网关里检查「短信签名」',
  'isv.SMS_TEMPLATE_ILLEGAL': '短信模板不可用（不存在、未审核通过或模板 CODE 填写错误），请在风控设置的短信网关里检查「模板 CODE」',
  'isv.INVALID_JSON_PARAM': '短信模板参数不对：模板里的变量必须是 ${code}',
  'isv.TEMPLATE_MISSING_PARAMETERS': '短信模板参数不对：模板里的变量必须是 ${code}',
  'isv.AMOUNT_NOT_ENOUGH': '短信账户余额不足，请到短信服务商充值后再重发',
  'isv.OUT_OF_SERVICE': '短信账户已停机（欠费），请到短信服务商处理后再重发',
  SignatureDoesNotMatch: '短信网关签名校验失败：AccessKey Secret 不对，请在风控设置的短信网关里重新填写',
  'InvalidAccessKeyId.NotFound': '短信网关不认这个 AccessKey ID，请在风控设置的短信网关里检查',
  'InvalidAccessKeyId.Inactive': '这个 AccessKey 已被停用，请换一个或到短信服务商处启用',
  'InvalidTimeStamp.Expired': '电脑时间不准，短信网关拒绝了请求，请校准电脑时间后重发',
  SignatureNonceUsed: '短信网关把这次请求当成了重放，请重发',
  ServiceUnavailable: '短信网关暂时不可用，请稍后重发',
  InternalError: '短信网关内部出错，请稍后重发',
  Throttling: '短信网关繁忙（接口限流），请稍后重发',
};

/** The owner's sentence for a gateway refusal. */
export function smsErrorMessage(code: string, gatewayMessage: string): string {
  const known = MESSAGES[code];
  if (known) return known;
  const said = gatewayMessage.trim() || '没有说明原因';
  return `短信网关拒绝发送：${said}（${code || '无错误码'}）`;
}

/** The gateway's own limit message ("触发分钟级流控Permits:1") appended when it says which window. */
export function smsErrorDetail(code: string, gatewayMessage: string): string {
  const base = smsErrorMessage(code, gatewayMessage);
  return code === 'isv.BUSINESS_LIMIT_CONTROL' && gatewayMessage ? `${base}。网关原话：${gatewayMessage}` : base;
}
