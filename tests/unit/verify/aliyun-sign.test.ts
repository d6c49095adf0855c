// The 阿里云 POP signature, pinned by the vectors in Aliyun's own documentation, and checked against the
// sandbox gateway's independent implementation so neither can drift alone.
import { describe, expect, it } from 'vitest';
import { canonicalQuery, formBody, percentEncode, popSignature, popTimestamp, signedSendSmsParams, stringToSign } from '../../../src-main/core/risk/verify/aliyun-sign.js';
import { expectedSignature, popEncode } from '../../../src-main/sandbox/sms/protocol.js';

/** Aliyun SMS documentation ("HTTP 协议及签名"), AccessKey testId / testSecret, signed for GET. */
const SMS_DOC_PARAMS: Record<string, string> = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('阿里云 POP signature v1.0', () => {
  it('reproduces the SendSms example of the SMS documentation, string to sign included', () => {
    expect(stringToSign('GET', SMS_DOC_PARAMS)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
    expect(popSignature('GET', SMS_DOC_PARAMS, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('reproduces the DescribeRegions example of the RPC signature documentation', () => {
    const params = {
      AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
    };
    expect(popSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('percent-encodes like the gateway: space %20, * %2A, ~ kept, UTF-8 bytes upper-case', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode('*')).toBe('%2A');
    expect(percentEncode('~-_.')).toBe('~-_.');
    expect(percentEncode("!'()")).toBe('%21%27%28%29');
    expect(percentEncode('/=&+:')).toBe('%2F%3D%26%2B%3A');
    expect(percentEncode('派')).toBe('%E6%B4%BE');
  });

  it('leaves Signature out of the canonical query and sorts by name', () => {
    expect(canonicalQuery({ b: '2', Signature: 'x', a: '1', B: '0' })).toBe('B=0&a=1&b=2');
  });

  it('writes the timestamp as UTC ISO 8601 to the second', () => {
    expect(popTimestamp(Date.UTC(2017, 6, 12, 2, 42, 19, 789))).toBe('2017-07-12T02:42:19Z');
  });

  it('agrees with the sandbox gateway on awkward text, for GET and POST', () => {
    const hard = { ...SMS_DOC_PARAMS, SignName: "卡密 *工作台~(测试)!'", TemplateParam: '{"code":"012345","note":"a+b=c&d"}', OutId: 'otp_ä/ö' };
    const asMap = new Map(Object.entries(hard));
    for (const method of ['GET', 'POST'] as const) {
      expect(expectedSignature(method, asMap, 's3cr3t/+=')).toBe(popSignature(method, hard, 's3cr3t/+='));
    }
    for (const text of Object.values(hard)) expect(popEncode(text)).toBe(percentEncode(text));
  });

  it('builds a SendSms request the gateway accepts: every parameter, signed for POST, form body round-trips', () => {
    const params = signedSendSmsParams(
      { accessKeyId: 'LTAI-x', phone: '13800000000', signName: 'KeyDesk演示', templateCode: 'SMS_1', templateParam: { code: '123456' }, outId: 'otp_1', nonce: 'n-1', now: Date.UTC(2026, 0, 2, 3, 4, 5) },
      'secret',
    );
    expect(params).toMatchObject({
      Action: 'SendSms', Version: '2017-05-25', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', RegionId: 'cn-hangzhou',
      Timestamp: '2026-01-02T03:04:05Z', PhoneNumbers: '13800000000', TemplateParam: '{"code":"123456"}', OutId: 'otp_1', SignatureNonce: 'n-1',
    });
    const received = new Map(new URLSearchParams(formBody(params)));
    expect(Object.fromEntries(received)).toEqual(params);
    expect(expectedSignature('POST', received, 'secret')).toBe(params.Signature);
    expect(expectedSignature('POST', received, 'another')).not.toBe(params.Signature);
  });
});
