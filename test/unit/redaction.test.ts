import { describe, expect, it } from 'vitest';
import { findSecrets, maskSecrets, type SecretKind } from '../../shared/domain/redaction';

const kinds = (text: string) => findSecrets(text).map((hit) => hit.kind);
const values = (text: string) => findSecrets(text).map((hit) => text.slice(hit.start, hit.end));

describe('findSecrets finds', () => {
  const positives: [string, SecretKind, string][] = [
    ['AccessKey LTAI5tQx9vR2mN8kP3wZ7yHb for the OSS bucket', 'alibabaAccessKeyId', 'LTAI5tQx9vR2mN8kP3wZ7yHb'],
    ['aws_access_key_id=AKIAIOSFODNN7EXAMPLE', 'awsAccessKeyId', 'AKIAIOSFODNN7EXAMPLE'],
    ['temporary ASIAY34FZKBOKMUTVV7A used in CI', 'awsAccessKeyId', 'ASIAY34FZKBOKMUTVV7A'],
    ['Huawei AK: HPUAKX2QZ9VJ3M8N1T7R', 'huaweiAccessKey', 'HPUAKX2QZ9VJ3M8N1T7R'],
    ['password=Sup3r$ecret!', 'keyValueSecret', 'Sup3r$ecret!'],
    ['db passwd: hunter2hunter2', 'keyValueSecret', 'hunter2hunter2'],
    ['"api_key": "sk-live-9f8e7d6c5b4a"', 'keyValueSecret', 'sk-live-9f8e7d6c5b4a'],
    ['AccessKeySecret=Xq7pL2mN9vB4cZ8wR1tY6uI3oP5aS0', 'keyValueSecret', 'Xq7pL2mN9vB4cZ8wR1tY6uI3oP5aS0'],
    [
      'SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'keyValueSecret',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    ['export TOKEN=ghp_abcdEFGH1234ijkl', 'keyValueSecret', 'ghp_abcdEFGH1234ijkl'],
    ['pwd = 12345678', 'keyValueSecret', '12345678'],
    ['mysql://app:S3cr3tPass@rm-bp1.mysql.rds.aliyuncs.com:3306/shop', 'connectionStringPassword', 'S3cr3tPass'],
    ['redis://default:r3disPw@10.0.0.5:6379', 'connectionStringPassword', 'r3disPw'],
    [
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'jwt',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
  ];
  for (const [text, kind, value] of positives) {
    it(`${kind} in "${text.slice(0, 40)}"`, () => {
      const hits = findSecrets(text);
      expect(hits.map((h) => h.kind)).toContain(kind);
      expect(values(text)).toContain(value);
    });
  }

  it('a PEM private key block, whole', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc==\n-----END RSA PRIVATE KEY-----';
    const text = `key file:\n${pem}\nthanks`;
    expect(findSecrets(text)).toEqual([{ kind: 'privateKey', start: 10, end: 10 + pem.length, preview: '••••' }]);
    expect(kinds('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----')).toEqual(['privateKey']);
  });

  it('several secrets in one note, in order', () => {
    const text = 'AK LTAI5tQx9vR2mN8kP3wZ7yHb, secret=Xq7pL2mN9vB4cZ8w and mysql://root:toor1234@db:3306';
    expect(kinds(text)).toEqual(['alibabaAccessKeyId', 'keyValueSecret', 'connectionStringPassword']);
  });
});

describe('findSecrets leaves alone', () => {
  const negatives = [
    'LTAI is the prefix of Alibaba Cloud AccessKey IDs; rotate them every 90 days.',
    'LTAI keys must not be shared.',
    'Request id 7d444840-9dc0-11d1-b245-5ffdce74fad2 failed.',
    'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'The password policy requires 12 characters and MFA.',
    'Password: see the vault.',
    'password=******** (masked in the console)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder, on purpose.
    'token: ${DB_TOKEN}',
    'Set secret_key to <your key> before deploying.',
    'https://console.aliyuncs.com/ecs/instances?region=cn-hangzhou',
    'user@example.com wrote https://user@example.com/path',
    'The ACCESS RULE NUMBER 12345678901234567890 is a plain number.',
    'ORDERNUMBER2026ABCDEF was placed on Monday (no key word near it).',
    'AKIA alone is not a key, nor is AKIAshort.',
    '数据库密码策略要求每 90 天更换。',
  ];
  for (const text of negatives) {
    it(`"${text.slice(0, 50)}"`, () => {
      expect(findSecrets(text)).toEqual([]);
    });
  }
});

describe('maskSecrets', () => {
  it('keeps the first four characters of ids and masks values whole', () => {
    const text = 'AK LTAI5tQx9vR2mN8kP3wZ7yHb, password=Sup3r$ecret! and mysql://app:S3cr3t@db/shop';
    expect(maskSecrets(text, findSecrets(text))).toBe('AK LTAI••••, password=•••• and mysql://app:••••@db/shop');
  });

  it('masks only the hits it is given (the consultant keeps the others)', () => {
    const text = 'AKIAIOSFODNN7EXAMPLE and token=abcd1234efgh';
    const [aws, token] = findSecrets(text);
    expect(maskSecrets(text, token ? [token] : [])).toBe('AKIAIOSFODNN7EXAMPLE and token=••••');
    expect(maskSecrets(text, aws ? [aws] : [])).toBe('AKIA•••• and token=abcd1234efgh');
    expect(maskSecrets(text, [])).toBe(text);
  });

  it('previews never contain the secret', () => {
    const text = 'AKIAIOSFODNN7EXAMPLE password=Sup3r$ecret!';
    for (const hit of findSecrets(text)) expect(hit.preview).not.toContain(text.slice(hit.start + 4, hit.end));
  });
});
