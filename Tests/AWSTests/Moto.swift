import Foundation
import TestSupport

/// The moto servers these tests share: one open, and one that checks signatures and IAM policies.
enum Moto {
    static let open = MotoServer.shared

    /// Keys moto's IAM knows, made before its checks were switched on.
    struct Identities: Decodable, Sendable {
        var secretArn: String
        var reader: [String]
        var nobody: [String]
    }

    static let iam: Result<(MotoServer, Identities), any Error> = Result {
        let server = try MotoServer()
        let output = try server.boto3("""
            iam = boto3.client('iam', endpoint_url=endpoint)
            sm = boto3.client('secretsmanager', endpoint_url=endpoint)
            arn = sm.create_secret(Name='prod/db', SecretString=json.dumps({"username": "etl", "password": "iam-guarded"}))['ARN']
            keys = {}
            for user in ['reader', 'nobody']:
                iam.create_user(UserName=user)
                key = iam.create_access_key(UserName=user)['AccessKey']
                keys[user] = [key['AccessKeyId'], key['SecretAccessKey']]
            # moto checks actions against resource "*", so the policy cannot name the secret's ARN here.
            iam.put_user_policy(UserName='reader', PolicyName='read-secret', PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "s3:*"], "Resource": "*"}]}))
            boto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket='guarded')
            print(json.dumps({"secretArn": arn, "reader": keys['reader'], "nobody": keys['nobody']}))
            """)
        try server.requireIAM()
        return (server, try JSONDecoder().decode(Identities.self, from: Data(output.utf8)))
    }
}
